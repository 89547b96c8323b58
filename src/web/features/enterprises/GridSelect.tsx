import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import type { RegionNode } from '../../../shared/domain/region.ts';
import { useApi } from '../../app/api-context.tsx';

const GRID_LEVELS = new Set(['grid', 'micro_grid']);

/**
 * Picks the grid an enterprise sits in from the user's part of the hierarchy, loading children
 * as nodes open. `openPath` (the current grid's ancestors, top down) is opened at once, so an
 * edit shows the grid already chosen.
 */
export function GridSelect({
  value,
  onChange,
  openPath,
  placeholder,
  id,
}: {
  value?: string | undefined;
  onChange?: (value: string) => void;
  openPath: readonly string[];
  placeholder: string;
  id?: string;
}) {
  const api = useApi();
  const [nodes, setNodes] = useState<ReadonlyMap<string, RegionNode>>(new Map());
  const [loaded, setLoaded] = useState<ReadonlySet<string>>(new Set());

  const add = (items: RegionNode[], parentId: string | null) => {
    setNodes((current) => {
      const next = new Map(current);
      for (const item of items) next.set(item.id, item);
      return next;
    });
    if (parentId) setLoaded((current) => new Set(current).add(parentId));
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per dialog; `openPath` is fixed while it is open.
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const roots = await api.listRegions(undefined, controller.signal);
      if (controller.signal.aborted) return;
      add(roots, null);
      const known = new Set(roots.map((r) => r.id));
      for (const ancestor of openPath) {
        if (!known.has(ancestor)) continue;
        const children = await api.listRegions(ancestor, controller.signal);
        if (controller.signal.aborted) return;
        add(children, ancestor);
        for (const child of children) known.add(child.id);
      }
    })().catch(() => {
      // The tree stays as far as it loaded; the save reports anything that matters.
    });
    return () => controller.abort();
  }, [api]);

  const treeData = [...nodes.values()].map((node) => ({
    id: node.id,
    pId: node.parentId && nodes.has(node.parentId) ? node.parentId : undefined,
    value: node.id,
    title: node.name,
    isLeaf: node.level === 'micro_grid' || node.childCount === 0,
    selectable: GRID_LEVELS.has(node.level),
  }));

  return (
    <TreeSelect
      id={id}
      showSearch={false}
      value={value}
      placeholder={placeholder}
      treeDataSimpleMode
      treeData={treeData}
      treeDefaultExpandedKeys={[...openPath]}
      loadData={async (node) => {
        const parentId = String(node.value);
        if (loaded.has(parentId)) return;
        add(await api.listRegions(parentId), parentId);
      }}
      onChange={(next: string) => onChange?.(next)}
      style={{ width: '100%' }}
      data-testid="enterprise-grid-select"
    />
  );
}

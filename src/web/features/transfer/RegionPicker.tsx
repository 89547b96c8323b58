import { TreeSelect } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RegionNode } from '../../../shared/domain/region.ts';
import { useApi } from '../../app/api-context.tsx';

export interface PickedRegion {
  id: string;
  name: string;
}

/**
 * Picks one region of the caller's scope, from its top (what GET /api/v1/regions answers
 * without a parent) down; children load as nodes open. Until the user picks, the first top node
 * is chosen, so an export always names a region.
 */
export function RegionPicker({
  value,
  onChange,
  placeholder,
  testId,
}: {
  value: PickedRegion | null;
  onChange: (region: PickedRegion | null) => void;
  placeholder: string;
  testId?: string;
}) {
  const api = useApi();
  const [nodes, setNodes] = useState<ReadonlyMap<string, RegionNode>>(new Map());
  const [loaded, setLoaded] = useState<ReadonlySet<string>>(new Set());
  // Read when the roots arrive: the default goes only to a picker nobody has chosen in yet.
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };

  const add = useCallback((items: RegionNode[], parentId: string | null) => {
    setNodes((current) => {
      const next = new Map(current);
      for (const item of items) next.set(item.id, item);
      return next;
    });
    if (parentId) setLoaded((current) => new Set(current).add(parentId));
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    api.listRegions(undefined, controller.signal).then(
      (roots) => {
        if (controller.signal.aborted) return;
        add(roots, null);
        const first = roots[0];
        if (first && latest.current.value === null)
          latest.current.onChange({ id: first.id, name: first.name });
      },
      () => {
        // The picker stays empty; the export then covers the whole scope.
      },
    );
    return () => controller.abort();
  }, [api, add]);

  const treeData = [...nodes.values()].map((node) => ({
    id: node.id,
    pId: node.parentId && nodes.has(node.parentId) ? node.parentId : undefined,
    value: node.id,
    title: node.name,
    isLeaf: node.childCount === 0,
  }));

  return (
    <TreeSelect
      showSearch={false}
      labelInValue
      value={value ? { value: value.id, label: value.name } : undefined}
      placeholder={placeholder}
      treeDataSimpleMode
      treeData={treeData}
      loadData={async (node) => {
        const parentId = String(node.value);
        if (loaded.has(parentId)) return;
        add(await api.listRegions(parentId), parentId);
      }}
      onChange={(next?: { value: string; label: unknown }) => {
        const id = next?.value;
        onChange(id ? { id, name: nodes.get(id)?.name ?? String(next?.label ?? id) } : null);
      }}
      style={{ width: '100%', maxWidth: 360 }}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}

import { TreeSelect } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { RegionNode } from '../../../shared/domain/region.ts';
import { useApi } from '../../app/api-context.tsx';

/**
 * Picks the region a grant is scoped to, any level, from the top of the caller's part of the
 * hierarchy; children load as nodes open. Empty means the whole district. A scope chosen before
 * (whose branch is not loaded) shows with the name it came with.
 */
export function RegionScopeSelect({
  value,
  name,
  onChange,
  placeholder,
  testId,
}: {
  value: string | null;
  name: string | null;
  onChange: (id: string | null, name: string | null) => void;
  placeholder: string;
  testId?: string;
}) {
  const api = useApi();
  const [nodes, setNodes] = useState<ReadonlyMap<string, RegionNode>>(new Map());
  const [loaded, setLoaded] = useState<ReadonlySet<string>>(new Set());

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
        if (!controller.signal.aborted) add(roots, null);
      },
      () => {
        // The tree stays empty; saving without a region still works (the whole district).
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
      allowClear
      showSearch={false}
      labelInValue
      value={value ? { value, label: nodes.get(value)?.name ?? name ?? value } : undefined}
      placeholder={placeholder}
      treeDataSimpleMode
      treeData={treeData}
      loadData={async (node) => {
        const parentId = String(node.value);
        if (loaded.has(parentId)) return;
        add(await api.listRegions(parentId), parentId);
      }}
      onChange={(next?: { value: string; label: unknown }) => {
        const id = next?.value ?? null;
        onChange(id, id ? (nodes.get(id)?.name ?? null) : null);
      }}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}

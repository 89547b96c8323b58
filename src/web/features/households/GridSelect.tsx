import { TreeSelect } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { RegionNode } from '../../../shared/domain/region.ts';
import { useApi } from '../../app/api-context.tsx';

interface TreeNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

const PLACEABLE = new Set(['grid', 'micro_grid']);

const toNode = (region: RegionNode, parentId: string | null): TreeNode => ({
  id: region.id,
  pId: parentId,
  value: region.id,
  title: region.name,
  isLeaf: region.childCount === 0,
  selectable: PLACEABLE.has(region.level),
});

/**
 * Picks a grid of the user's scope from the hierarchy, loaded level by level as it is opened;
 * only grids (and micro-grids) can be chosen, since households sit in grids.
 */
export function GridSelect({
  value,
  onChange,
  initialName,
  placeholder,
  id,
}: {
  value?: string;
  onChange?: (value: string) => void;
  /** The current grid's name, shown before its branch is loaded. */
  initialName?: string;
  placeholder?: string;
  id?: string;
}) {
  const api = useApi();
  const [nodes, setNodes] = useState<TreeNode[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    api.listRegions(undefined, controller.signal).then(
      (roots) => setNodes(roots.map((r) => toNode(r, null))),
      () => undefined,
    );
    return () => controller.abort();
  }, [api]);

  const loadData = useCallback(
    async (node: object) => {
      const parentId = String((node as { id: string }).id);
      const children = await api.listRegions(parentId);
      setNodes((current) => [
        ...current.filter((n) => !children.some((c) => c.id === n.id)),
        ...children.map((c) => toNode(c, parentId)),
      ]);
    },
    [api],
  );

  const known = value === undefined || nodes.some((n) => n.id === value);
  const treeData =
    known || !value || !initialName
      ? nodes
      : [...nodes, { id: value, pId: null, value, title: initialName, isLeaf: true, selectable: true }];

  return (
    <TreeSelect
      id={id}
      treeDataSimpleMode
      treeData={treeData}
      loadData={loadData}
      value={value}
      onChange={(next: string) => onChange?.(next)}
      placeholder={placeholder}
      showSearch={false}
      style={{ width: '100%' }}
      data-testid="grid-select"
    />
  );
}

import type { RegionNode } from '../../shared/domain/region.ts';

/**
 * The loaded nodes as a simple-mode tree for antd's TreeSelect. With `selectable`, only nodes of
 * those levels can be chosen (the others still open).
 */
export function regionTreeData(nodes: ReadonlyMap<string, RegionNode>, selectable?: ReadonlySet<string>) {
  return [...nodes.values()].map((node) => ({
    id: node.id,
    pId: node.parentId && nodes.has(node.parentId) ? node.parentId : undefined,
    value: node.id,
    title: node.name,
    // A micro-grid is the lowest level: nothing to open below it.
    isLeaf: node.level === 'micro_grid' || node.childCount === 0,
    ...(selectable ? { selectable: selectable.has(node.level) } : {}),
  }));
}

import type { RegionNode } from '../../../shared/domain/region.ts';

/** The part of the hierarchy loaded so far: nodes by id, and child ids by parent (`ROOT` on top). */
export interface LoadedRegions {
  nodes: ReadonlyMap<string, RegionNode>;
  children: ReadonlyMap<string, readonly string[]>;
}

export const ROOT = '';

export const emptyRegions: LoadedRegions = { nodes: new Map(), children: new Map() };

/** A new state with `items` recorded as the children of `parentId` (ROOT for the top level). */
export function withChildren(
  state: LoadedRegions,
  parentId: string,
  items: readonly RegionNode[],
): LoadedRegions {
  const nodes = new Map(state.nodes);
  for (const item of items) nodes.set(item.id, item);
  const children = new Map(state.children);
  children.set(
    parentId,
    items.map((item) => item.id),
  );
  return { nodes, children };
}

export interface RegionTreeNode {
  region: RegionNode;
  /** Undefined until loaded, so the tree knows to ask. */
  children: RegionTreeNode[] | undefined;
}

/** The loaded part as a nested tree, in the server's order. */
export function toTree(state: LoadedRegions, parentId: string = ROOT): RegionTreeNode[] {
  const ids = state.children.get(parentId) ?? [];
  return ids.flatMap((id) => {
    const region = state.nodes.get(id);
    if (!region) return [];
    return [{ region, children: state.children.has(id) ? toTree(state, id) : undefined }];
  });
}

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

/** The parents whose children are loaded (ROOT included): what a refresh asks for again. */
export function loadedParents(state: LoadedRegions): string[] {
  return [...state.children.keys()];
}

/**
 * To reveal a node found by search: the part of its ancestor chain (district first) from the
 * first ancestor the tree already shows — the ancestors to expand, in order. Ancestors above the
 * user's scope are not in the tree and are skipped; an empty result means the node is a root (or
 * not reachable from what is shown).
 */
export function ancestorsToExpand(state: LoadedRegions, ancestorIds: readonly string[]): string[] {
  const first = ancestorIds.findIndex((id) => state.nodes.has(id));
  return first === -1 ? [] : ancestorIds.slice(first);
}

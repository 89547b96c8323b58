import { useCallback, useEffect, useRef, useState } from 'react';
import type { RegionNode } from '../../shared/domain/region.ts';
import { useApi } from '../app/api-context.tsx';

/**
 * The part of the hierarchy a region picker has loaded: the caller's top nodes (what
 * GET /api/v1/regions answers without a parent), then the children of each node opened.
 * `openPath` (ancestors of the chosen node, top down) loads at once, so a choice deep down shows
 * in place; `onRoots` hears of the top nodes when they arrive. Both are read then, not watched.
 */
export function useRegionTree({
  openPath = [],
  onRoots,
}: {
  openPath?: readonly string[];
  onRoots?: (roots: RegionNode[]) => void;
} = {}) {
  const api = useApi();
  const [nodes, setNodes] = useState<ReadonlyMap<string, RegionNode>>(new Map());
  const [loaded, setLoaded] = useState<ReadonlySet<string>>(new Set());
  const start = useRef({ openPath, onRoots });
  start.current = { openPath, onRoots };

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
    (async () => {
      const roots = await api.listRegions(undefined, controller.signal);
      if (controller.signal.aborted) return;
      add(roots, null);
      start.current.onRoots?.(roots);
      const known = new Set(roots.map((r) => r.id));
      for (const ancestor of start.current.openPath) {
        if (!known.has(ancestor)) continue;
        const children = await api.listRegions(ancestor, controller.signal);
        if (controller.signal.aborted) return;
        add(children, ancestor);
        for (const child of children) known.add(child.id);
      }
    })().catch(() => {
      // The tree stays as far as it loaded; whatever needs a region says so when it is saved.
    });
    return () => controller.abort();
  }, [api, add]);

  const loadChildren = async (parentId: string) => {
    if (loaded.has(parentId)) return;
    add(await api.listRegions(parentId), parentId);
  };

  return { nodes, loadChildren };
}

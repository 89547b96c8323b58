import { describe, expect, it } from 'vitest';
import type { RegionNode } from '../../shared/domain/region.ts';
import { regionTreeData } from './region-tree-data.ts';

const node = (
  id: string,
  parentId: string | null,
  level: RegionNode['level'],
  childCount: number,
): RegionNode => ({
  id,
  parentId,
  level,
  code: id,
  name: `name-${id}`,
  kind: null,
  path: id,
  childCount,
  householdCount: 0,
  enterpriseCount: 0,
  actions: [],
});

const loaded = (...nodes: RegionNode[]) => new Map(nodes.map((n) => [n.id, n]));

describe('regionTreeData', () => {
  it('hangs nodes under loaded parents and treats the top of the scope as roots', () => {
    const tree = regionTreeData(
      loaded(
        node('c', 'street', 'community', 2),
        node('g', 'c', 'grid', 0),
        node('m', 'g2', 'micro_grid', 0),
      ),
    );
    expect(tree.map((n) => [n.id, n.pId, n.title])).toEqual([
      ['c', undefined, 'name-c'],
      ['g', 'c', 'name-g'],
      ['m', undefined, 'name-m'],
    ]);
    expect(tree.map((n) => n.isLeaf)).toEqual([false, true, true]);
    expect(tree.some((n) => 'selectable' in n)).toBe(false);
  });

  it('lets only the given levels be chosen, and never opens a micro-grid', () => {
    const tree = regionTreeData(
      loaded(node('c', null, 'community', 1), node('g', 'c', 'grid', 1), node('m', 'g', 'micro_grid', 3)),
      new Set(['grid', 'micro_grid']),
    );
    expect(tree.map((n) => [n.id, n.selectable, n.isLeaf])).toEqual([
      ['c', false, false],
      ['g', true, false],
      ['m', true, true],
    ]);
  });
});

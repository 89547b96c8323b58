import { describe, expect, it } from 'vitest';
import type { RegionNode } from '../../../shared/domain/region.ts';
import { ancestorsToExpand, emptyRegions, loadedParents, ROOT, withChildren } from './region-tree.ts';

const node = (id: string, parentId: string | null): RegionNode => ({
  id,
  parentId,
  level: 'community',
  code: id,
  name: id,
  kind: null,
  path: id,
  childCount: 1,
  householdCount: 0,
  enterpriseCount: 0,
  actions: [],
});

describe('revealing a search hit', () => {
  // A user scoped to a street: the district above it is not in the tree.
  const street = node('street', 'district');
  const community = node('community', 'street');
  const state = withChildren(withChildren(emptyRegions, ROOT, [street]), 'street', [community]);

  it('expands from the first ancestor the tree shows, skipping those above the scope', () => {
    expect(ancestorsToExpand(state, ['district', 'street', 'community'])).toEqual(['street', 'community']);
    expect(ancestorsToExpand(state, ['district', 'street'])).toEqual(['street']);
  });

  it('expands nothing for a root or a node the tree cannot reach', () => {
    expect(ancestorsToExpand(state, ['district'])).toEqual([]);
    expect(ancestorsToExpand(state, [])).toEqual([]);
  });

  it('knows which levels are loaded, to fetch them again after an edit', () => {
    expect(loadedParents(state).sort()).toEqual([ROOT, 'street'].sort());
  });
});

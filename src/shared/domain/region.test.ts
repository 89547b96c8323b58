import { describe, expect, it } from 'vitest';
import { createRegionSchema, kindProblem, regionActions, updateRegionSchema } from './region.ts';

const node = (level: 'district' | 'street' | 'community' | 'grid' | 'micro_grid', below = 0) => ({
  level,
  childCount: below,
  householdCount: 0,
  enterpriseCount: 0,
});

describe('region actions', () => {
  it('gives nothing to a reader', () => {
    expect(regionActions(node('grid'), false, false)).toEqual([]);
  });

  it('adds children where a level exists below, moves only grids and micro-grids, deletes empty non-districts', () => {
    expect(regionActions(node('district'), true, false)).toEqual(['create-child', 'rename']);
    expect(regionActions(node('street'), true, false)).toEqual(['create-child', 'rename', 'delete']);
    expect(regionActions(node('community', 2), true, false)).toEqual(['create-child', 'rename']);
    expect(regionActions(node('grid'), true, false)).toEqual(['create-child', 'rename', 'delete', 'move']);
    expect(regionActions(node('grid'), true, true)).toEqual(['create-child', 'rename', 'move']);
    expect(regionActions({ ...node('grid'), householdCount: 1 }, true, false)).not.toContain('delete');
    expect(regionActions(node('micro_grid'), true, false)).toEqual(['rename', 'delete', 'move']);
  });
});

describe('region input', () => {
  it('takes community kinds 社区/村 and street kinds, and no kind below a community', () => {
    expect(kindProblem('community', '村')).toBeNull();
    expect(kindProblem('community', '街道')).not.toBeNull();
    expect(kindProblem('street', '镇')).toBeNull();
    expect(kindProblem('grid', null)).toBeNull();
    expect(kindProblem('grid', '社区')).not.toBeNull();
  });

  it('refuses codes with dots or wildcards, and edits of code or level', () => {
    const parentId = '0190f5a0-0000-7000-8000-000000000001';
    expect(createRegionSchema.safeParse({ parentId, code: '330109013002-G01', name: '网格' }).success).toBe(
      true,
    );
    for (const code of ['a.b', 'a%b', 'a b', '', 'x'.repeat(33)])
      expect(createRegionSchema.safeParse({ parentId, code, name: '网格' }).success, code).toBe(false);
    expect(updateRegionSchema.safeParse({ name: '新名' }).success).toBe(true);
    expect(updateRegionSchema.safeParse({ code: 'X' }).success).toBe(false);
    expect(updateRegionSchema.safeParse({ level: 'grid' }).success).toBe(false);
    expect(updateRegionSchema.safeParse({}).success).toBe(false);
  });
});

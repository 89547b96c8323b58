import { describe, expect, it } from 'vitest';
import type { RegionLevel, RegionNode } from '../../../shared/domain/region.ts';
import { summarizeTerritory } from './territory-summary.ts';

let serial = 0;
function node(level: RegionLevel, parent: RegionNode | null, childCount: number, households = 0): RegionNode {
  serial += 1;
  const id = `0190f5a0-0000-7000-8000-${String(serial).padStart(12, '0')}`;
  return {
    id,
    parentId: parent?.id ?? null,
    level,
    code: String(serial),
    name: `${level} ${serial}`,
    kind: null,
    path: `${parent?.path ?? ''}${serial}.`,
    childCount,
    householdCount: households,
    enterpriseCount: households > 0 ? 1 : 0,
    actions: [],
  };
}

describe('summarizeTerritory', () => {
  it('counts streets, communities and grids by walking down to the community level', async () => {
    const district = node('district', null, 2, 40);
    const streetA = node('street', district, 2);
    const streetB = node('street', district, 1);
    const children = new Map<string | undefined, RegionNode[]>([
      [undefined, [district]],
      [district.id, [streetA, streetB]],
      [streetA.id, [node('community', streetA, 3), node('community', streetA, 4)]],
      [streetB.id, [node('community', streetB, 5)]],
    ]);
    const asked: (string | undefined)[] = [];
    const summary = await summarizeTerritory(async (parentId) => {
      asked.push(parentId);
      return children.get(parentId) ?? [];
    });
    expect(summary.streets.map((s) => s.id)).toEqual([streetA.id, streetB.id]);
    expect(summary).toMatchObject({ communities: 3, grids: 12, households: 40, enterprises: 1 });
    // Never asks below the community level: grids are counted from childCount.
    expect(asked).toHaveLength(4);
  });

  it('handles an empty hierarchy', async () => {
    const summary = await summarizeTerritory(async () => []);
    expect(summary).toMatchObject({ roots: [], streets: [], communities: 0, grids: 0, households: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import type { FigureBreakdownRow } from '../../../shared/domain/figures.ts';
import { CASE_COUNTER_KEYS, caseFigures } from '../../../shared/figures/case-figures.ts';
import { emptyCounters } from '../../../shared/figures/counters.ts';
import { leastSatisfying, percentText } from './breakdown-rows.ts';

/** A category's row from its ratings. */
function category(name: string, ratings: { satisfied: number; unsatisfied: number }): FigureBreakdownRow {
  const n = emptyCounters(CASE_COUNTER_KEYS);
  n.received = ratings.satisfied + ratings.unsatisfied;
  n.rated = n.received;
  n.satisfied = ratings.satisfied;
  return {
    key: name,
    name,
    regionId: null,
    categoryId: null,
    day: null,
    visits: null,
    cases: caseFigures(n),
  };
}

describe('the ten things residents are least satisfied with', () => {
  it('ranks by unsatisfied ratings, then by the lower satisfaction rate, and leaves out the satisfied', () => {
    const rows = [
      category('噪音扰民', { satisfied: 9, unsatisfied: 2 }),
      category('道路破损', { satisfied: 1, unsatisfied: 2 }),
      category('垃圾清运', { satisfied: 0, unsatisfied: 5 }),
      category('路灯维修', { satisfied: 4, unsatisfied: 0 }),
    ];
    expect(leastSatisfying(rows).map((r) => [r.name, r.cases.unsatisfied])).toEqual([
      ['垃圾清运', 5],
      ['道路破损', 2],
      ['噪音扰民', 2],
    ]);
  });

  it('keeps ten at most', () => {
    const rows = Array.from({ length: 14 }, (_, i) =>
      category(`类别${i}`, { satisfied: 0, unsatisfied: i + 1 }),
    );
    const least = leastSatisfying(rows);
    expect(least).toHaveLength(10);
    expect(least[0]?.name).toBe('类别13');
  });

  it('shows a rate as a per cent with one decimal, or a dash', () => {
    expect(percentText({ value: 7 / 8 })).toBe('87.5 %');
    expect(percentText({ value: 1 })).toBe('100 %');
    expect(percentText({ value: null })).toBe('—');
  });
});

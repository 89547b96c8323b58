import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORE_RULES, ruleOwnerPaths, ruleVersionFor, scoreRulesSchema } from './score-rules.ts';

const v = (regionPath: string, version: number, effectiveFrom: string) => ({
  regionPath,
  version,
  effectiveFrom,
});

describe('scoring rules', () => {
  it('takes the defaults as valid rules, with the issue’s points and weights', () => {
    expect(scoreRulesSchema.parse(DEFAULT_SCORE_RULES)).toEqual(DEFAULT_SCORE_RULES);
    expect(DEFAULT_SCORE_RULES.solved).toMatchObject({
      ordinary: 1,
      important: 2,
      urgent: 3,
      hardProblem: 5,
    });
    expect(DEFAULT_SCORE_RULES.items.supervised.points).toBe(-3);
  });

  it('names the street and the district as the owners of a place, nearest first', () => {
    expect(ruleOwnerPaths('330109.330109001.330109001001.g1')).toEqual(['330109.330109001', '330109']);
    expect(ruleOwnerPaths('330109.330109001')).toEqual(['330109.330109001', '330109']);
    expect(ruleOwnerPaths('330109')).toEqual(['330109']);
  });

  it("picks the nearest owner's latest version in effect, the higher number on the same day", () => {
    const owners = ['d.s', 'd'];
    const versions = [
      v('d', 1, '2025-01-01'),
      v('d.s', 1, '2026-01-01'),
      v('d.s', 2, '2026-01-01'),
      v('d.s', 3, '2026-07-01'),
    ];
    expect(ruleVersionFor(versions, owners, '2024-12-31')).toBeUndefined();
    expect(ruleVersionFor(versions, owners, '2025-12-31')).toEqual(v('d', 1, '2025-01-01'));
    expect(ruleVersionFor(versions, owners, '2026-01-01')).toEqual(v('d.s', 2, '2026-01-01'));
    expect(ruleVersionFor(versions, owners, '2026-07-01')).toEqual(v('d.s', 3, '2026-07-01'));
    // Another street's versions never govern this one.
    expect(ruleVersionFor([v('d.x', 1, '2020-01-01')], owners, '2026-01-01')).toBeUndefined();
  });
});

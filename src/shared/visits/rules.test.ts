import { describe, expect, it } from 'vitest';
import { effectiveRules, householdCoverageTarget, parseRuleParams, visitRuleInputSchema } from './rules.ts';

describe('visit rule parameters', () => {
  it('accepts each kind with its own fields and refuses others', () => {
    expect(
      parseRuleParams('quota', { role: 'grid_worker', target: 'household', count: 50, period: 'month' })
        .success,
    ).toBe(true);
    expect(
      parseRuleParams('quota', { role: 'grid_worker', target: 'household', count: 0, period: 'month' })
        .success,
    ).toBe(false);
    expect(parseRuleParams('coverage', { target: 'enterprise', period: 'quarter' }).data).toEqual({
      target: 'enterprise',
      period: 'quarter',
      percent: 100,
    });
    expect(parseRuleParams('visit_days', {}).success).toBe(false);
    expect(parseRuleParams('visit_days', { weekdays: [8] }).success).toBe(false);
    expect(parseRuleParams('visit_days', { monthDays: [25, 5, 15, 5] }).data).toEqual({
      monthDays: [5, 15, 25],
    });
    expect(parseRuleParams('night_target', { count: 4, period: 'month', extra: 1 }).success).toBe(false);
    expect(
      visitRuleInputSchema.safeParse({ kind: 'coverage', params: { count: 3, period: 'month' } }).success,
    ).toBe(false);
  });

  it('lets a street’s rule of a kind replace the district’s, kind by kind', () => {
    const rules = [
      { id: 'd-quota', kind: 'quota' as const, regionPath: '330109' },
      { id: 'd-days', kind: 'visit_days' as const, regionPath: '330109' },
      { id: 's-quota', kind: 'quota' as const, regionPath: '330109.330109001' },
    ];
    expect(effectiveRules(rules, '330109.330109001').map((r) => r.id)).toEqual(['d-days', 's-quota']);
    expect(effectiveRules(rules, null).map((r) => r.id)).toEqual(
      ['d-quota', 'd-days', 's-quota'].filter((id) => id !== 's-quota'),
    );
  });

  it('reads the household coverage target of the effective rules for a period kind', () => {
    const rule = (id: string, regionPath: string, params: Record<string, unknown>) => ({
      id,
      kind: 'coverage',
      regionPath,
      params,
    });
    const rules = [
      rule('d-month', '330109', { target: 'household', period: 'month', percent: 60 }),
      rule('d-quarter', '330109', { target: 'household', period: 'quarter', percent: 95 }),
      rule('s-month', '330109.330109001', { target: 'household', period: 'month', percent: 80 }),
      rule('s-ent', '330109.330109001', { target: 'enterprise', period: 'month', percent: 100 }),
    ];
    // The street's own coverage rules replace the district's (all of that kind), by period kind.
    expect(householdCoverageTarget(rules, '330109.330109001', 'month')).toBe(80);
    expect(householdCoverageTarget(rules, '330109.330109001', 'quarter')).toBeNull();
    expect(householdCoverageTarget(rules, '330109.330109002', 'month')).toBe(60);
    expect(householdCoverageTarget(rules, '330109.330109002', 'year')).toBeNull();
  });
});

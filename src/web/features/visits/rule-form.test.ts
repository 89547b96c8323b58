import { describe, expect, it } from 'vitest';
import { ruleBody } from './rule-form.ts';

const region = '019b76da-a8c6-7d16-a451-436c6bc4671d';

describe('the new-rule form', () => {
  it('sends only the fields of the chosen kind, checked with the server schema', () => {
    expect(
      ruleBody({
        regionId: region,
        kind: 'quota',
        role: 'grid_worker',
        target: 'household',
        count: 50,
        period: 'month',
        // Left over from another kind the user looked at first: not sent.
        weekdays: [2],
      }),
    ).toEqual({
      regionId: region,
      kind: 'quota',
      params: { role: 'grid_worker', target: 'household', count: 50, period: 'month' },
    });
    expect(ruleBody({ regionId: region, kind: 'visit_days', monthDays: [25, 5, 15] })).toEqual({
      regionId: region,
      kind: 'visit_days',
      params: { monthDays: [5, 15, 25] },
    });
    expect(
      ruleBody({ regionId: region, kind: 'coverage', target: 'enterprise', period: 'quarter' })?.params,
    ).toEqual({
      target: 'enterprise',
      period: 'quarter',
      percent: 100,
    });
  });

  it('makes no rule while something is missing or out of range', () => {
    expect(ruleBody({ regionId: region, kind: 'visit_days', weekdays: [] })).toBeNull();
    expect(ruleBody({ regionId: null, kind: 'night_target', count: 4, period: 'month' })).toBeNull();
    expect(
      ruleBody({
        regionId: region,
        kind: 'quota',
        role: 'grid_worker',
        target: 'household',
        count: 0,
        period: 'month',
      }),
    ).toBeNull();
    expect(ruleBody({ regionId: region, kind: 'night_target', count: 4, period: 'month' })?.params).toEqual({
      count: 4,
      period: 'month',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { assessmentRulesSchema } from './assessment-rules.ts';
import { daysSpanned, figurePeriods } from './figure-periods.ts';
import { figuresQuerySchema } from './figures.ts';

const regionId = '0190c6d2-0000-7000-8000-000000000001';
const view = ({ kind, from, to }: { kind: string; from: string; to: string }) => ({ kind, from, to });

describe('figure periods', () => {
  it('take the month from the calendar, the 19th to the 18th when so set', () => {
    const { current, previous } = figurePeriods({ period: 'month', at: '2026-11-20' }, '2026-12-05', {
      monthStartDay: 19,
    });
    expect(view(current)).toEqual({ kind: 'month', from: '2026-11-19', to: '2026-12-18' });
    expect(view(previous)).toEqual({ kind: 'month', from: '2026-10-19', to: '2026-11-18' });
    // Without `at`, the day given as today; calendar months by default.
    expect(view(figurePeriods({ period: 'month' }, '2026-02-10', { monthStartDay: 1 }).current)).toEqual({
      kind: 'month',
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });

  it('read a custom range of Beijing days, with as many days just before it', () => {
    const { current, previous } = figurePeriods(
      { period: 'custom', from: '2026-03-01', to: '2026-03-10' },
      '2026-12-05',
      { monthStartDay: 19 },
    );
    expect(view(current)).toEqual({ kind: 'custom', from: '2026-03-01', to: '2026-03-10' });
    // Ten days back over the end of February (28 days in 2026).
    expect(view(previous)).toEqual({ kind: 'custom', from: '2026-02-19', to: '2026-02-28' });
    expect(current.start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(current.end.toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect(daysSpanned('2026-03-01', '2026-03-01')).toBe(1);
    expect(daysSpanned('2024-01-01', '2024-12-31')).toBe(366);
  });

  it('accept a custom query only with from ≤ to, at most 366 days', () => {
    const ok = (q: Record<string, string>) => figuresQuerySchema.safeParse({ regionId, ...q }).success;
    expect(ok({ period: 'custom', from: '2024-01-01', to: '2024-12-31' })).toBe(true);
    expect(ok({ period: 'custom', from: '2024-01-01', to: '2025-01-01' })).toBe(false);
    expect(ok({ period: 'custom', from: '2026-03-02', to: '2026-03-01' })).toBe(false);
    expect(ok({ period: 'custom', from: '2026-03-02' })).toBe(false);
    expect(ok({ period: 'custom', from: '2026-03-01', to: '2026-03-02', at: '2026-03-01' })).toBe(false);
    expect(ok({ period: 'quarter', to: '2026-03-02' })).toBe(false);
    expect(ok({ period: 'quarter', at: '2026-03-02' })).toBe(true);
  });

  it('take rules in hundredths, the month from the 1st to the 28th', () => {
    const ok = (r: Record<string, unknown>) =>
      assessmentRulesSchema.safeParse({
        monthStartDay: 19,
        basicallySatisfiedWeight: 0.9,
        ratings: 'all',
        ...r,
      }).success;
    expect(ok({})).toBe(true);
    expect(ok({ basicallySatisfiedWeight: 0.85, ratings: 'valid_follow_up', monthStartDay: 28 })).toBe(true);
    expect(ok({ basicallySatisfiedWeight: 0.855 })).toBe(false);
    expect(ok({ basicallySatisfiedWeight: -0.1 })).toBe(false);
    expect(ok({ monthStartDay: 29 })).toBe(false);
    expect(ok({ monthStartDay: 1.5 })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { CASE_COUNTER_KEYS, type CaseCounters, caseFigures } from '../../../shared/figures/case-figures.ts';
import { emptyCounters } from '../../../shared/figures/counters.ts';
import { VISIT_COUNTER_KEYS, visitFigures } from '../../../shared/figures/visit-figures.ts';
import { figureCards } from './figure-cards.ts';

const cases = (over: Partial<Record<(typeof CASE_COUNTER_KEYS)[number], number>>) =>
  caseFigures({ ...emptyCounters(CASE_COUNTER_KEYS), ...over } as CaseCounters);
const visits = (n: number, visited: number) =>
  visitFigures(
    { ...emptyCounters(VISIT_COUNTER_KEYS), visits: n },
    { households: 200, householdsVisited: visited, enterprises: 0, enterprisesVisited: 0 },
  );
const period = { kind: 'month' as const, from: '2026-11-01', to: '2026-11-30' };

describe('headline figure cards', () => {
  it('shows counts and per cents with their change against the previous period', () => {
    const { cases: c, visits: v } = figureCards({
      region: { id: '019b76da-a802-70cc-821d-36bcf09d551f', name: '宁围街道', level: 'street' },
      current: {
        period,
        cases: cases({ received: 12, closed: 9, rated: 8, satisfied: 7 }),
        visits: visits(40, 57),
      },
      previous: { period, cases: cases({ received: 15, closed: 9, rated: 0 }), visits: visits(31, 40) },
    });
    const byId = Object.fromEntries([...c, ...v].map((x) => [x.id, x]));
    expect(byId.received).toEqual({ id: 'received', text: '12', change: '−3' });
    // 9 of 12 closed against 9 of 15: 75 % against 60 %.
    expect(byId.closureRate).toEqual({ id: 'closureRate', text: '75 %', change: '+15 pp' });
    // Nobody rated before: no change to show.
    expect(byId.satisfactionRate).toEqual({ id: 'satisfactionRate', text: '87.5 %', change: null });
    expect(byId.responseRate).toEqual({ id: 'responseRate', text: '—', change: null });
    expect(byId.visits).toEqual({ id: 'visits', text: '40', change: '+9' });
    // 57 and 40 of 200 households: 28 % and 20 %.
    expect(byId.householdCoveragePercent).toEqual({
      id: 'householdCoveragePercent',
      text: '28 %',
      change: '+8 pp',
    });
  });
});

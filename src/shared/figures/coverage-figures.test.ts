import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CoverageDelta,
  type CoverageVisit,
  coverageDeltas,
  coveragePeriods,
  firstVisits,
  visitedBefore,
} from './coverage-figures.ts';

const at = (iso: string, id: string, regionId = 'g1'): CoverageVisit => ({
  id,
  startedAt: new Date(iso),
  regionId,
});

/** Net counters per visit and key, zeros dropped. */
function net(deltas: readonly CoverageDelta[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of deltas) {
    const k = `${d.visit.id}|${d.key}`;
    out[k] = (out[k] ?? 0) + d.add;
    if (out[k] === 0) delete out[k];
  }
  return out;
}

/** Records the visits one by one in the order given, each against those recorded before it. */
function recordInOrder(visits: readonly CoverageVisit[], monthStartDay = 1): CoverageDelta[] {
  const calendar = { monthStartDay };
  const recorded: CoverageVisit[] = [];
  const deltas: CoverageDelta[] = [];
  for (const v of visits) {
    const periods = coveragePeriods(v.startedAt, calendar);
    const earliest = periods.map((p) =>
      recorded
        .filter((r) => r.startedAt >= p.start && r.startedAt < p.end)
        .reduce<CoverageVisit | null>((a, r) => (a === null || visitedBefore(r, a) ? r : a), null),
    );
    deltas.push(...coverageDeltas('household', v, periods, earliest));
    recorded.push(v);
  }
  return deltas;
}

describe('coverage counters', () => {
  it('count a household once per period, on its first visit, in Beijing time', () => {
    // 2026-03-31 23:30 Beijing is still March; 2026-04-01 00:10 Beijing is April, same week.
    const visits = [
      at('2026-03-10T02:00:00Z', 'a'),
      at('2026-03-20T02:00:00Z', 'b'),
      at('2026-03-31T15:30:00Z', 'c'),
      at('2026-03-31T16:10:00Z', 'd'),
    ];
    expect(net(recordInOrder(visits))).toEqual({
      'a|household_week': 1,
      'a|household_month': 1,
      'a|household_quarter': 1,
      'a|household_year': 1,
      'b|household_week': 1,
      'c|household_week': 1,
      'd|household_month': 1,
      'd|household_quarter': 1,
    });
  });

  it('hand the count to a visit that syncs late but happened earlier', () => {
    const late = recordInOrder([at('2026-03-20T02:00:00Z', 'b'), at('2026-03-10T02:00:00Z', 'a')]);
    expect(late.filter((d) => d.key === 'household_month')).toEqual([
      { visit: expect.objectContaining({ id: 'b' }), key: 'household_month', add: 1 },
      { visit: expect.objectContaining({ id: 'a' }), key: 'household_month', add: 1 },
      { visit: expect.objectContaining({ id: 'b' }), key: 'household_month', add: -1 },
    ]);
  });

  it('follow the assessment month: from the 19th, 18 and 19 November are two months', () => {
    const visits = [at('2026-11-18T02:00:00Z', 'a'), at('2026-11-19T02:00:00Z', 'b')];
    expect(net(recordInOrder(visits, 19))['b|household_month']).toBe(1);
    expect(net(recordInOrder(visits, 1))['b|household_month']).toBeUndefined();
  });

  it('leave the same counters in any recording order as the rebuild counts', () => {
    const visit = fc
      .record({
        day: fc.integer({ min: 0, max: 400 }),
        minute: fc.integer({ min: 0, max: 1439 }),
        id: fc.uuid(),
      })
      .map(({ day, minute, id }) =>
        at(new Date(Date.UTC(2026, 0, 1) + day * 86_400_000 + minute * 60_000).toISOString(), id),
      );
    fc.assert(
      fc.property(fc.array(visit, { maxLength: 25 }), fc.integer({ min: 1, max: 28 }), (visits, startDay) => {
        expect(net(recordInOrder(visits, startDay))).toEqual(
          net(firstVisits('household', visits, { monthStartDay: startDay })),
        );
      }),
      { numRuns: 200 },
    );
  });
});

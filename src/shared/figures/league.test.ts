import { describe, expect, it } from 'vitest';
import { CASE_COUNTER_KEYS, type CaseCounters } from './case-figures.ts';
import { emptyCounters } from './counters.ts';
import { compositeScore, type LeagueFigures, leagueFigures, rankLeague } from './league.ts';
import { VISIT_COUNTER_KEYS, type VisitCounters } from './visit-figures.ts';

// Counters with the named keys set and every other key 0.
const cases = (set: Partial<CaseCounters>) => Object.assign(emptyCounters(CASE_COUNTER_KEYS), set);
const visits = (set: Partial<VisitCounters>) => Object.assign(emptyCounters(VISIT_COUNTER_KEYS), set);
const coverage = (households: number, householdsVisited: number) => ({
  households,
  householdsVisited,
  enterprises: 0,
  enterprisesVisited: 0,
});

describe('league figures', () => {
  it('computes a community row from its counters', () => {
    // 40 households, 10 visited; 3 workers made 12 visits and found 4 problems, 3 solved on the
    // spot; 5 cases of which 1 rejected, 3 closed (1 of them late), 2 rated: satisfied and unsatisfied.
    const f = leagueFigures({
      cases: cases({
        received: 5,
        rejected: 1,
        closed: 3,
        closed_on_time: 2,
        rated: 2,
        satisfied: 1,
        overdue: 1,
        reopened: 1,
      }),
      visits: visits({ visits: 12, target_household: 12, problems: 4, solved_on_spot: 3 }),
      coverage: coverage(40, 10),
      workers: 3,
    });
    expect(f.coveragePercent).toBe(25);
    expect(f.visits).toBe(12);
    expect(f.visitsPerWorker).toBe(4);
    expect(f.problemsFound).toBe(4);
    expect(f.onSpotShare).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
    expect(f.closureRate).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
    expect(f.onTimeRate?.value).toBeCloseTo(2 / 3);
    expect(f.satisfactionRate?.value).toBe(0.5);
    expect([f.reopened, f.overdue]).toEqual([1, 1]);
    // (0.25 + 0.75 + 0.75 + 2/3 + 0.5) / 5
    expect(compositeScore(f)).toBeCloseTo((0.25 + 0.75 + 0.75 + 2 / 3 + 0.5) / 5);
  });

  it('leaves what a subject has no figures for null, not 0', () => {
    const unit = leagueFigures({
      cases: cases({ received: 2, closed: 2, closed_on_time: 2 }),
      visits: null,
      coverage: null,
      workers: null,
    });
    expect([unit.coveragePercent, unit.visits, unit.visitsPerWorker, unit.onSpotShare]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    // closure 1, on time 1, no ratings: the mean of the two it has.
    expect(compositeScore(unit)).toBe(1);
    const noWorkers = leagueFigures({
      cases: null,
      visits: visits({ visits: 3 }),
      coverage: null,
      workers: 0,
    });
    expect(noWorkers.visitsPerWorker).toBeNull();
    const noHouseholds = leagueFigures({
      cases: null,
      visits: visits({ visits: 1 }),
      coverage: coverage(0, 0),
      workers: 1,
    });
    expect(noHouseholds.coveragePercent).toBeNull();
    expect(compositeScore(noWorkers)).toBeNull();
  });
});

const row = (key: string, f: Partial<LeagueFigures>) => ({
  key,
  figures: {
    coveragePercent: null,
    visits: null,
    workers: null,
    visitsPerWorker: null,
    problemsFound: null,
    onSpotShare: null,
    closureRate: null,
    onTimeRate: null,
    satisfactionRate: null,
    reopened: null,
    overdue: null,
    ...f,
  },
});
const r = (n: number, d: number) => ({ numerator: n, denominator: d, value: d ? n / d : null });

describe('ranking', () => {
  it('ranks by the composite, ties sharing a rank (1, 1, 3), nothing last', () => {
    const ranked = rankLeague([
      row('c', { closureRate: r(1, 2) }),
      row('a', { closureRate: r(2, 3), satisfactionRate: r(2, 3) }),
      row('b', { closureRate: r(4, 6) }),
      row('d', {}),
      row('e', {}),
    ]);
    expect(ranked.map((x) => [x.subject.key, x.rank])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 3],
      ['d', 4],
      ['e', 4],
    ]);
  });

  it('orders a "lower is better" column ascending', () => {
    const ranked = rankLeague(
      [row('a', { overdue: 3 }), row('b', { overdue: 0 }), row('c', { overdue: 1 })],
      'overdue',
    );
    expect(ranked.map((x) => x.subject.key)).toEqual(['b', 'c', 'a']);
    expect(ranked.map((x) => x.rank)).toEqual([1, 2, 3]);
  });

  it('gives the change in rank against the previous ranking', () => {
    const ranked = rankLeague(
      [
        row('a', { coveragePercent: 90 }),
        row('b', { coveragePercent: 50 }),
        row('new', { coveragePercent: 70 }),
      ],
      'composite',
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
    );
    expect(ranked.map((x) => [x.subject.key, x.rank, x.previousRank, x.rankChange])).toEqual([
      ['a', 1, 2, 1],
      ['new', 2, null, null],
      ['b', 3, 1, -2],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { CASE_COUNTER_KEYS, caseFigures } from '../figures/case-figures.ts';
import { emptyCounters } from '../figures/counters.ts';
import { VISIT_COUNTER_KEYS, visitFigures } from '../figures/visit-figures.ts';
import { foldToGrids, mapFigureValues } from './map-figures.ts';

describe('map figures', () => {
  it('folds place paths into their grids and leaves out places above every grid', () => {
    const grids = ['330109.013.002.G01', '330109.013.002.G02'];
    const byPath = new Map([
      ['330109.013.002.G01', 2],
      ['330109.013.002.G01.M1', 3],
      ['330109.013.002.G02', 5],
      // A case filed at the community itself has no grid.
      ['330109.013.002', 7],
      // A path that only starts with a grid's path is not below it.
      ['330109.013.002.G011', 11],
    ]);
    const folded = foldToGrids(grids, byPath, (a: number | undefined, b) => (a ?? 0) + b);
    expect(Object.fromEntries(folded)).toEqual({ '330109.013.002.G01': 5, '330109.013.002.G02': 5 });
  });

  it("reads a grid's values off the shared figures, rates as percentages", () => {
    const cases = emptyCounters(CASE_COUNTER_KEYS);
    cases.received = 4;
    cases.closed = 3;
    cases.closed_on_time = 2;
    cases.overdue = 1;
    cases.rated = 3;
    cases.satisfied = 2;
    const visits = emptyCounters(VISIT_COUNTER_KEYS);
    visits.visits = 9;
    visits.problems = 4;
    visits.solved_on_spot = 1;
    visits.opinions = 2;
    const values = mapFigureValues(
      caseFigures(cases),
      visitFigures(visits, { households: 8, householdsVisited: 3, enterprises: 0, enterprisesVisited: 0 }),
      6,
    );
    expect(values).toEqual({
      householdCoveragePercent: 37,
      visits: 9,
      problemsFound: 4,
      solvedOnSpot: 1,
      opinionsCollected: 2,
      received: 4,
      openCases: 6,
      closureRate: 75,
      onTimeRate: 66.7,
      satisfactionRate: 66.7,
      overdue: 1,
    });
    // Nothing to divide: no value rather than 0 %.
    expect(
      mapFigureValues(
        caseFigures(emptyCounters(CASE_COUNTER_KEYS)),
        visitFigures(visits, { households: 0, householdsVisited: 0, enterprises: 0, enterprisesVisited: 0 }),
        0,
      ).closureRate,
    ).toBeNull();
  });
});

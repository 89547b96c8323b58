import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessmentPeriodOfDay } from '../figures/assessment-periods.ts';
import { scoringPoints } from '../figures/points.ts';
import {
  DEFAULT_EVALUATION_CRITERIA,
  raterUnitsOf,
  roundResults,
  scoresMatchCriteria,
  visibleRatings,
} from './evaluation.ts';
import { DEFAULT_SCORE_RULES } from './score-rules.ts';

const units = ['r:a', 'r:b', 'r:c', 'd:x', 'd:y'];
const rating = fc.record({
  raterUnit: fc.constantFrom(...units),
  subject: fc.constantFrom('u:1', 'u:2', 'c1'),
  score: fc.integer({ min: 1, max: 5 }),
});

describe('mutual evaluation', () => {
  it('never shows a viewer another unit’s rating while the round is open, whoever the viewer is', () => {
    fc.assert(
      fc.property(
        fc.array(rating, { maxLength: 30 }),
        fc.subarray(units),
        fc.boolean(),
        (ratings, mine, manages) => {
          const viewer = { units: new Set(mine), manages };
          const seen = visibleRatings('open', ratings, viewer);
          expect(seen.every((r) => viewer.units.has(r.raterUnit))).toBe(true);
          // Nothing of their own is withheld either.
          expect(seen.length).toBe(ratings.filter((r) => viewer.units.has(r.raterUnit)).length);
          // Once closed a rater still reads only their own; a manager reads all.
          const after = visibleRatings('closed', ratings, viewer);
          expect(after.length).toBe(manages ? ratings.length : seen.length);
        },
      ),
    );
  });

  it('computes each subject’s means from its ratings, bounded by the scale', () => {
    const criteria = DEFAULT_EVALUATION_CRITERIA.community_rates_cadres;
    const scores = fc.tuple(...criteria.map(() => fc.integer({ min: 1, max: 5 })));
    fc.assert(
      fc.property(
        fc.array(fc.record({ subject: fc.constantFrom('u:1', 'u:2'), values: scores }), { minLength: 1 }),
        (rows) => {
          const ratings = rows.map((r) => ({
            subject: r.subject,
            subjectName: r.subject,
            scores: Object.fromEntries(criteria.map((c, i) => [c.key, r.values[i] as number])),
          }));
          const results = roundResults(criteria, ratings);
          for (const res of results) {
            const mine = ratings.filter((r) => r.subject === res.subject);
            expect(res.ratings).toBe(mine.length);
            const all = mine.flatMap((r) => Object.values(r.scores));
            expect(res.overallMean).toBeCloseTo(all.reduce((a, b) => a + b, 0) / all.length, 2);
            expect(res.overallMean).toBeGreaterThanOrEqual(1);
            expect(res.overallMean).toBeLessThanOrEqual(5);
          }
          expect(results.reduce((s, r) => s + r.ratings, 0)).toBe(ratings.length);
        },
      ),
    );
  });

  it('lets a community’s leaders and grid workers rate for it, and a department’s members for theirs', () => {
    const communities = [
      { id: 'c1', name: '一社区', path: '110101.001.001' },
      { id: 'c2', name: '二社区', path: '110101.001.002' },
    ];
    const departments = [{ id: 'd1', name: '城管办', path: '110101.001' }];
    const worker = [{ role: 'grid_worker', scopePath: '110101.001.002.003', scopeDepartmentId: null }];
    const cadre = [{ role: 'cadre', scopePath: '110101.001.002', scopeDepartmentId: null }];
    const handler = [{ role: 'dept_handler', scopePath: '110101.001', scopeDepartmentId: 'd1' }];
    expect(
      raterUnitsOf('community_rates_cadres', worker, communities, departments).map((u) => u.key),
    ).toEqual(['r:c2']);
    expect(raterUnitsOf('community_rates_cadres', cadre, communities, departments)).toEqual([]);
    expect(raterUnitsOf('department_rates_communities', worker, communities, departments)).toEqual([]);
    expect(
      raterUnitsOf('department_rates_communities', handler, communities, departments).map((u) => u.key),
    ).toEqual(['d:d1']);
    expect(scoresMatchCriteria(DEFAULT_EVALUATION_CRITERIA.community_rates_cadres, { time_given: 3 })).toBe(
      false,
    );
  });

  it('scores a closed round by the mean above or below 3, on the day it closed, once per round', () => {
    const period = assessmentPeriodOfDay('month', '2026-03-10');
    const at = new Date('2026-03-12T02:00:00Z');
    const evaluation = (roundId: string, subject: string, mean: number, closedAt = at) => ({
      roundId,
      closedAt,
      subject,
      subjectKind: subject.startsWith('u:') ? ('cadres' as const) : ('places' as const),
      mean,
      ratings: 2,
    });
    const points = scoringPoints(
      {
        period,
        communities: new Map(),
        sentDown: new Set(),
        cases: new Map(),
        events: [],
        spotChecks: [],
        examples: [],
        rates: [],
        coverage: [],
        evaluations: [
          evaluation('r1', 'u:p1', 4.67),
          evaluation('r1', 'c1', 2.5),
          evaluation('r2', 'u:p1', 3),
          // Closed after the period: counts in the next one.
          evaluation('r3', 'u:p2', 5, new Date('2026-04-02T02:00:00Z')),
        ],
      },
      DEFAULT_SCORE_RULES,
    );
    expect(points.map((p) => [p.subject, p.key, p.cp, p.day, p.source.kind])).toEqual([
      ['u:p1', 'evaluation:r1', 167, '2026-03-12', 'evaluation_round'],
      ['c1', 'evaluation:r1', -50, '2026-03-12', 'evaluation_round'],
    ]);
  });
});

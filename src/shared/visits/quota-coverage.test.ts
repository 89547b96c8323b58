import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageOf, coveragePercent } from './coverage.ts';
import { nextPeriod, PERIOD_KINDS, type Period, periodContaining, periodOfDay } from './periods.ts';
import { quotaProgress, visitsPerWorker } from './quota.ts';

/**
 * Property tests of quota and coverage arithmetic across period boundaries: instants are drawn
 * near the CST midnights where quarters and years meet (and around leap days), where an
 * off-by-one-hour (UTC vs CST) or an inclusive end would show.
 */
const BOUNDARIES = [
  '2024-03-01',
  '2024-02-29',
  '2025-01-01',
  '2026-04-01',
  '2026-07-01',
  '2026-10-01',
  '2027-01-01',
  '2028-03-01',
];
const nearBoundary = fc
  .tuple(fc.constantFrom(...BOUNDARIES), fc.integer({ min: -3 * 86_400, max: 3 * 86_400 }))
  .map(([day, seconds]) => new Date(Date.parse(`${day}T00:00:00+08:00`) + seconds * 1000));
const anyInstant = fc.oneof(
  nearBoundary,
  fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2029, 0, 1) }).map((ms) => new Date(ms)),
);
const users = fc.constantFrom('u1', 'u2', 'u3', 'u4');
const visit = fc.record({
  startedAt: anyInstant,
  visitorIds: fc.array(users, { minLength: 1, maxLength: 3 }),
});
const subjectVisit = fc.record({
  subjectId: fc.constantFrom('h1', 'h2', 'h3', 'h4', 'h5', 'x9'),
  startedAt: anyInstant,
});
const kind = fc.constantFrom(...PERIOD_KINDS);

/** The union of two adjacent periods as one interval. */
const union = (a: Period, b: Period): Period => ({ ...a, end: b.end, to: b.to });

describe('quota arithmetic', () => {
  it('counts a visit at 23:59:59 CST of the quarter’s last day in that quarter, at 00:00 in the next', () => {
    const q1 = periodOfDay('quarter', '2026-03-15');
    const visits = [
      { startedAt: new Date('2026-03-31T23:59:59+08:00'), visitorIds: ['u1', 'u2'] },
      { startedAt: new Date('2026-04-01T00:00:00+08:00'), visitorIds: ['u1'] },
    ];
    expect(Object.fromEntries(visitsPerWorker(visits, q1))).toEqual({ u1: 1, u2: 1 });
    expect(Object.fromEntries(visitsPerWorker(visits, nextPeriod(q1)))).toEqual({ u1: 1 });
  });

  it('adds up across adjacent periods to the count over their union, and counts each visitor once per visit', () => {
    fc.assert(
      fc.property(kind, anyInstant, fc.array(visit, { maxLength: 60 }), (k, at, visits) => {
        const p = periodContaining(k, at);
        const n = nextPeriod(p);
        const whole = visitsPerWorker(visits, union(p, n));
        const a = visitsPerWorker(visits, p);
        const b = visitsPerWorker(visits, n);
        for (const u of ['u1', 'u2', 'u3', 'u4']) {
          expect((a.get(u) ?? 0) + (b.get(u) ?? 0)).toBe(whole.get(u) ?? 0);
          const joined = visits.filter(
            (v) => (v.visitorIds as string[]).includes(u) && v.startedAt >= p.start && v.startedAt < p.end,
          ).length;
          expect(a.get(u) ?? 0).toBe(joined);
        }
      }),
    );
  });

  it('reports progress in whole per cent, 100 only when the quota is met', () => {
    fc.assert(
      fc.property(fc.nat(20_000), fc.integer({ min: 1, max: 10_000 }), (done, target) => {
        const p = quotaProgress(done, target);
        expect(p.percent).toBeGreaterThanOrEqual(0);
        expect(p.percent).toBeLessThanOrEqual(100);
        expect(p.percent === 100).toBe(p.met);
        expect(p.met).toBe(done >= target);
      }),
    );
  });
});

describe('coverage arithmetic', () => {
  it('never exceeds 100 %, reaches 100 % only when every one was visited, and rounds down', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (visited, total) => {
        const pct = coveragePercent(visited, total);
        expect(pct).toBeGreaterThanOrEqual(0);
        expect(pct).toBeLessThanOrEqual(100);
        if (total > 0) {
          expect(pct === 100).toBe(visited >= total);
          if (visited <= total) expect(pct * total).toBeLessThanOrEqual(visited * 100);
          if (visited <= total) expect((pct + 1) * total).toBeGreaterThan(visited * 100);
        }
      }),
    );
    expect(coveragePercent(999, 1000)).toBe(99);
    expect(coveragePercent(0, 0)).toBe(100);
  });

  it('counts distinct subjects in scope; over two adjacent periods the union covers at least each and at most both', () => {
    fc.assert(
      fc.property(kind, anyInstant, fc.array(subjectVisit, { maxLength: 40 }), (k, at, visits) => {
        const subjects = ['h1', 'h2', 'h3', 'h4', 'h5'];
        const p = periodContaining(k, at);
        const n = nextPeriod(p);
        const a = coverageOf(subjects, visits, p);
        const b = coverageOf(subjects, visits, n);
        const whole = coverageOf(subjects, visits, union(p, n));
        expect(a.visited).toBeLessThanOrEqual(a.inScope);
        expect(a.percent).toBeLessThanOrEqual(100);
        expect(whole.visited).toBeGreaterThanOrEqual(Math.max(a.visited, b.visited));
        expect(whole.visited).toBeLessThanOrEqual(a.visited + b.visited);
        // Exactly: the union's visited set is the union of the two periods' sets.
        const seen = (q: Period) =>
          new Set(
            visits
              .filter((v) => subjects.includes(v.subjectId) && v.startedAt >= q.start && v.startedAt < q.end)
              .map((v) => v.subjectId),
          );
        expect(whole.visited).toBe(new Set([...seen(p), ...seen(n)]).size);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, cstDay, cstMidnight } from '../time/china-time.ts';
import { inPeriod, nextPeriod, PERIOD_KINDS, periodContaining, periodOfDay } from './periods.ts';

const instant = fc
  .integer({ min: Date.UTC(1999, 0, 1), max: Date.UTC(2101, 0, 1) })
  .map((ms) => new Date(ms));
const kind = fc.constantFrom(...PERIOD_KINDS);

describe('periods in CST', () => {
  it('puts 23:59:59 CST of a quarter’s last day in that quarter and 00:00 the next day in the next', () => {
    const last = new Date('2026-03-31T23:59:59+08:00');
    const next = new Date('2026-04-01T00:00:00+08:00');
    expect(periodContaining('quarter', last)).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodContaining('quarter', next)).toMatchObject({ from: '2026-04-01', to: '2026-06-30' });
    // 16:00 UTC is already the next CST day.
    expect(periodContaining('year', new Date('2026-12-31T16:00:00Z')).from).toBe('2027-01-01');
  });

  it('knows leap years and ISO weeks', () => {
    expect(periodOfDay('month', '2028-02-10').to).toBe('2028-02-29');
    expect(periodOfDay('month', '2100-02-10').to).toBe('2100-02-28');
    expect(periodOfDay('month', '2000-02-10').to).toBe('2000-02-29');
    expect(periodOfDay('week', '2026-01-01')).toMatchObject({ from: '2025-12-29', to: '2026-01-04' });
    expect(
      periodOfDay('year', '2028-06-01').end.getTime() - periodOfDay('year', '2028-06-01').start.getTime(),
    ).toBe(366 * 86_400_000);
  });

  it('contains the instant it was built from, in [start, end)', () => {
    fc.assert(
      fc.property(kind, instant, (k, at) => {
        const p = periodContaining(k, at);
        expect(inPeriod(p, at)).toBe(true);
        expect(p.start.getTime()).toBe(cstMidnight(p.from).getTime());
        expect(p.end.getTime()).toBe(cstMidnight(addDays(p.to, 1)).getTime());
        expect(cstDay(new Date(p.end.getTime() - 1))).toBe(p.to);
      }),
    );
  });

  it('tiles time: each period ends where the next begins, and the periods of a year partition its days', () => {
    fc.assert(
      fc.property(kind, instant, (k, at) => {
        const p = periodContaining(k, at);
        const n = nextPeriod(p);
        expect(n.start.getTime()).toBe(p.end.getTime());
        expect(inPeriod(n, new Date(p.end.getTime() - 1))).toBe(false);
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('month', 'quarter', 'year' as const),
        fc.integer({ min: 1990, max: 2100 }),
        (k, year) => {
          const days: string[] = [];
          for (let p = periodOfDay(k, `${year}-01-01`); p.from <= `${year}-12-31`; p = nextPeriod(p)) {
            for (let d = p.from; d <= p.to; d = addDays(d, 1)) days.push(d);
          }
          const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
          expect(days.length).toBe(leap ? 366 : 365);
          expect(new Set(days).size).toBe(days.length);
          expect(days[0]).toBe(`${year}-01-01`);
          expect(days.at(-1)).toBe(`${year}-12-31`);
        },
      ),
      { numRuns: 40 },
    );
  });
});

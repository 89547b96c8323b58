import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday } from '../time/china-time.ts';
import { isVisitDay, nextVisitDay } from './visit-days.ts';

const day = fc.integer({ min: 0, max: 60_000 }).map((n) => addDays('1980-01-01', n));

describe('visit days', () => {
  it('finds every Tuesday and the 5th/15th/25th', () => {
    // 2026-05-12 is a Tuesday.
    expect(nextVisitDay({ weekdays: [2] }, '2026-05-12')).toBe('2026-05-12');
    expect(nextVisitDay({ weekdays: [2] }, '2026-05-13')).toBe('2026-05-19');
    expect(nextVisitDay({ monthDays: [5, 15, 25] }, '2026-05-26')).toBe('2026-06-05');
    expect(nextVisitDay({ monthDays: [5, 15, 25] }, '2026-12-26')).toBe('2027-01-05');
    expect(nextVisitDay({}, '2026-05-12')).toBeNull();
  });

  it('moves a day past the month’s end to its last day', () => {
    expect(nextVisitDay({ monthDays: [31] }, '2026-04-01')).toBe('2026-04-30');
    expect(nextVisitDay({ monthDays: [30] }, '2028-02-01')).toBe('2028-02-29');
    expect(nextVisitDay({ monthDays: [29] }, '2026-02-01')).toBe('2026-02-28');
    expect(nextVisitDay({ monthDays: [31] }, '2026-03-31')).toBe('2026-03-31');
  });

  it('returns the first matching day on or after the date, never skipping one', () => {
    fc.assert(
      fc.property(
        day,
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 3 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { maxLength: 3 }),
        (from, weekdays, monthDays) => {
          fc.pre(weekdays.length + monthDays.length > 0);
          const rule = { weekdays, monthDays };
          const next = nextVisitDay(rule, from) as string;
          expect(next >= from).toBe(true);
          expect(isVisitDay(rule, next)).toBe(true);
          for (let d = from; d < next; d = addDays(d, 1)) expect(isVisitDay(rule, d)).toBe(false);
          if (weekdays.length > 0) expect(next <= addDays(from, 6)).toBe(true);
          if (weekdays.length > 0 && monthDays.length === 0) expect(weekdays).toContain(isoWeekday(next));
        },
      ),
    );
  });
});

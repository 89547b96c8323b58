import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  CALENDAR_UNITS,
  CHINA_TIME_ZONE,
  cstAt,
  cstDay,
  cstDayAfter,
  cstHour,
  cstMidnight,
  cstMinuteOfDay,
  cstWeekday,
  cstYear,
  daysInMonth,
  firstDayOf,
  firstDayOfNext,
  isLeapYear,
  isoWeekday,
  startOf,
  startOfNext,
} from './china-time.ts';

// China has kept UTC+8 without daylight saving since 1991; the time-zone database is the oracle.
const instant = fc
  .integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 11, 31) })
  .map((ms) => new Date(ms));
const day = fc
  .integer({ min: Date.UTC(1992, 0, 1) / 86_400_000, max: Date.UTC(2100, 11, 31) / 86_400_000 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const unit = fc.constantFrom(...CALENDAR_UNITS);

const zoned = new Intl.DateTimeFormat('en-CA', {
  timeZone: CHINA_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
function inShanghai(at: Date) {
  const parts = Object.fromEntries(zoned.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday as string) + 1,
  };
}

describe('China time', () => {
  it('agrees with the Asia/Shanghai zone on day, hour, minute and weekday', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const z = inShanghai(at);
        expect(cstDay(at)).toBe(z.day);
        expect(cstHour(at)).toBe(z.hour);
        expect(cstMinuteOfDay(at)).toBe(z.hour * 60 + z.minute);
        expect(cstWeekday(at)).toBe(z.weekday);
        expect(isoWeekday(cstDay(at))).toBe(z.weekday);
        expect(cstYear(at)).toBe(Number(z.day.slice(0, 4)));
      }),
      { numRuns: 300 },
    );
  });

  it('turns 23:59:59.999 CST into that day and 00:00 CST into the next, across month, leap-day and year ends', () => {
    for (const [last, next] of [
      ['2026-03-31', '2026-04-01'],
      ['2028-02-28', '2028-02-29'],
      ['2028-02-29', '2028-03-01'],
      ['2100-02-28', '2100-03-01'],
      ['2026-12-31', '2027-01-01'],
    ] as const) {
      const midnight = new Date(`${next}T00:00:00+08:00`);
      expect(cstDay(new Date(midnight.getTime() - 1))).toBe(last);
      expect(cstDay(midnight)).toBe(next);
      expect(cstMidnight(next)).toEqual(midnight);
      expect(cstDayAfter(last)).toEqual(midnight);
      expect(addDays(last, 1)).toBe(next);
    }
    // 16:00 UTC on New Year's Eve is already the next year in Beijing.
    expect(cstYear(new Date('2026-12-31T15:59:59.999Z'))).toBe(2026);
    expect(cstYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(startOf('year', new Date('2026-12-31T16:00:00Z'))).toEqual(new Date('2027-01-01T00:00:00+08:00'));
    expect(startOf('quarter', new Date('2026-06-30T15:59:59.999Z'))).toEqual(
      new Date('2026-04-01T00:00:00+08:00'),
    );
    expect(startOf('week', new Date('2026-01-01T12:00:00+08:00'))).toEqual(
      new Date('2025-12-29T00:00:00+08:00'),
    );
    expect(cstAt('2026-05-04', 17 * 60 + 30)).toEqual(new Date('2026-05-04T17:30:00+08:00'));
  });

  it('parses a day to its first instant and formats that instant back to the same day', () => {
    fc.assert(
      fc.property(day, (d) => {
        const start = cstMidnight(d);
        expect(cstDay(start)).toBe(d);
        expect(cstMinuteOfDay(start)).toBe(0);
        expect(cstDay(new Date(start.getTime() - 1))).toBe(addDays(d, -1));
        expect(cstDayAfter(d)).toEqual(cstMidnight(addDays(d, 1)));
        expect(inShanghai(start)).toMatchObject({ day: d, hour: 0, minute: 0 });
      }),
    );
  });

  it('puts every instant in [start of its unit, start of the next), both at 00:00 CST on the unit’s first day', () => {
    fc.assert(
      fc.property(unit, instant, (u, at) => {
        const start = startOf(u, at);
        const next = startOfNext(u, at);
        expect(start.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(at.getTime()).toBeLessThan(next.getTime());
        expect(cstMinuteOfDay(start)).toBe(0);
        expect(cstMinuteOfDay(next)).toBe(0);
        // The units tile time: the last instant before the next start is still in this unit.
        expect(startOf(u, new Date(next.getTime() - 1))).toEqual(start);
        expect(startOf(u, next)).toEqual(next);
        const first = cstDay(start);
        const [year, month, dayOfMonth] = first.split('-').map(Number) as [number, number, number];
        const span = Math.round((next.getTime() - start.getTime()) / 86_400_000);
        switch (u) {
          case 'day':
            expect(span).toBe(1);
            break;
          case 'week':
            expect(isoWeekday(first)).toBe(1);
            expect(span).toBe(7);
            break;
          case 'month':
            expect(dayOfMonth).toBe(1);
            expect(span).toBe(daysInMonth(year, month));
            break;
          case 'quarter':
            expect(dayOfMonth).toBe(1);
            expect([1, 4, 7, 10]).toContain(month);
            expect(span).toBeGreaterThanOrEqual(90);
            expect(span).toBeLessThanOrEqual(92);
            break;
          case 'year':
            expect(first.slice(5)).toBe('01-01');
            expect(span).toBe(isLeapYear(year) ? 366 : 365);
            break;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('nests the units: a unit’s first day is also the first day of every smaller unit it starts', () => {
    fc.assert(
      fc.property(day, (d) => {
        expect(firstDayOf('quarter', firstDayOf('year', d))).toBe(firstDayOf('year', d));
        expect(firstDayOf('month', firstDayOf('quarter', d))).toBe(firstDayOf('quarter', d));
        expect(firstDayOf('day', d)).toBe(d);
        expect(firstDayOfNext('day', d)).toBe(addDays(d, 1));
        expect(firstDayOf('month', firstDayOfNext('month', d))).toBe(firstDayOfNext('month', d));
        expect(d < firstDayOfNext('quarter', d)).toBe(true);
      }),
    );
  });

  it('knows the Gregorian leap years', () => {
    expect([2000, 2024, 2028, 1900, 2100, 2026].map(isLeapYear)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});

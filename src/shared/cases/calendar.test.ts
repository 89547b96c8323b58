import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './calendar.ts';
import { OFFICIAL_CALENDARS } from './calendar-data.ts';

const calendar = new WorkingCalendar(OFFICIAL_CALENDARS);
/** A CST wall-clock time as an instant. */
const cst = (local: string) => new Date(`${local}+08:00`);

describe('the working calendar (official 2025 and 2026 notices)', () => {
  it('knows the holidays and the make-up working weekends', () => {
    expect(calendar.isWorkingDay('2025-09-26')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2025-09-27')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // Sunday, made up for National Day
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false); // Wednesday, National Day holiday
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // Saturday, made up
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false); // Spring Festival, Monday
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true); // Saturday, made up
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true); // Sunday, made up
    expect(calendar.isWorkingDay('2026-09-25')).toBe(false); // Mid-Autumn Festival, Friday
    expect(calendar.covers(2026)).toBe(true);
    expect(calendar.covers(2027)).toBe(false);
  });

  it('gives a case dispatched on the Friday before National Day 2025 five working days that skip the holiday and count the make-up Sunday', () => {
    // Working days after Fri 26 Sep: Sun 28 (make-up), Mon 29, Tue 30, then Thu 9 and Fri 10 Oct.
    expect(calendar.addWorkingDays(cst('2025-09-26T16:00:00'), 5)).toEqual(cst('2025-10-10T17:30:00'));
    // One working day from the Friday is the make-up Sunday.
    expect(calendar.addWorkingDays(cst('2025-09-26T16:00:00'), 1)).toEqual(cst('2025-09-28T17:30:00'));
  });

  it('measures office time between two instants in working days, the inverse of adding hours', () => {
    // Fri 26 Sep 2025 16:00 to Sunday 28 (make-up) 11:30: 1.5 h + 2.5 h = 4 of 7 office hours.
    expect(calendar.workingDaysBetween(cst('2025-09-26T16:00:00'), cst('2025-09-28T11:30:00'))).toBeCloseTo(
      4 / 7,
      12,
    );
    // A whole office day, lunch excluded; nothing across the National Day holiday.
    expect(calendar.workingDaysBetween(cst('2025-09-30T08:00:00'), cst('2025-09-30T18:00:00'))).toBe(1);
    expect(calendar.workingDaysBetween(cst('2025-10-01T09:00:00'), cst('2025-10-08T17:30:00'))).toBe(0);
    expect(calendar.workingDaysBetween(cst('2025-10-08T09:00:00'), cst('2025-10-01T09:00:00'))).toBe(0);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000 * 60 }),
        fc.integer({ min: 1, max: 200 }),
        (offset, hours) => {
          const from = new Date(cst('2025-01-02T00:00:00').getTime() + offset * 60_000);
          const to = calendar.addWorkingHours(from, hours);
          expect(calendar.workingDaysBetween(from, to) * 7).toBeCloseTo(hours, 9);
        },
      ),
    );
  });

  it('counts office hours across the lunch break, nights, the holiday and a make-up Sunday', () => {
    // Fri 26 Sep 2025 16:00 + 4 office hours: 1.5 h that afternoon, then Sunday 28 (make-up) 9:00 + 2.5 h.
    expect(calendar.addWorkingHours(cst('2025-09-26T16:00:00'), 4)).toEqual(cst('2025-09-28T11:30:00'));
    // Tue 30 Sep 11:00 + 2 h: one hour before lunch, one after it; 8 h run 5 that day and 3 on Thursday 9 Oct.
    expect(calendar.addWorkingHours(cst('2025-09-30T11:00:00'), 2)).toEqual(cst('2025-09-30T14:30:00'));
    expect(calendar.addWorkingHours(cst('2025-09-30T11:00:00'), 8)).toEqual(cst('2025-10-09T12:00:00'));
    // Dispatched in the evening of Thursday 24 Sep 2026: the Mid-Autumn Friday does not count.
    expect(calendar.addWorkingHours(cst('2026-09-24T20:00:00'), 1)).toEqual(cst('2026-09-28T10:00:00'));
  });

  it('never ends a deadline on a day off, and more time never ends earlier', () => {
    const start = Date.parse('2025-01-01T00:00:00+08:00');
    const span = Date.parse('2026-12-20T00:00:00+08:00') - start;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: 40 }), (offset, n) => {
        const from = new Date(start + offset);
        const due = calendar.addWorkingDays(from, n);
        const dueHours = calendar.addWorkingHours(from, n);
        const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
        if (n > 0) {
          expect(calendar.isWorkingDay(local(due))).toBe(true);
          expect(calendar.isWorkingDay(local(dueHours))).toBe(true);
        }
        expect(calendar.addWorkingDays(from, n + 1).getTime()).toBeGreaterThan(due.getTime());
        expect(calendar.addWorkingHours(from, n + 1).getTime()).toBeGreaterThan(dueHours.getTime());
      }),
    );
  });
});

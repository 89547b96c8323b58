import { addDays, cstAt, cstDay, cstMinuteOfDay, isoWeekday } from '../time/china-time.ts';
import type { CalendarYear } from './calendar-data.ts';

/**
 * Deadlines in working time on a Chinese calendar (docs/specs/workflow.md "Clocks"). All instants are UTC
 * `Date`s; days and office hours are those of China Standard Time (day boundaries: china-time.ts).
 */

export interface WorkingHours {
  /** Office hours as [start, end) minutes after local midnight, e.g. 9:00–12:00 and 13:30–17:30. */
  periods: readonly (readonly [number, number])[];
}

export const DEFAULT_HOURS: WorkingHours = {
  periods: [
    [9 * 60, 12 * 60],
    [13 * 60 + 30, 17 * 60 + 30],
  ],
};

export class WorkingCalendar {
  private readonly holidays: Set<string>;
  private readonly workdays: Set<string>;
  private readonly years: Set<number>;
  readonly hours: WorkingHours;

  constructor(years: readonly CalendarYear[], hours: WorkingHours = DEFAULT_HOURS) {
    this.holidays = new Set(years.flatMap((y) => y.holidays));
    this.workdays = new Set(years.flatMap((y) => y.workdays));
    this.years = new Set(years.map((y) => y.year));
    this.hours = hours;
  }

  /** Whether the calendar knows the year (outside it, only weekends are days off). */
  covers(year: number): boolean {
    return this.years.has(year);
  }

  /** A local (CST) date `YYYY-MM-DD` is a working day. */
  isWorkingDay(date: string): boolean {
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    return isoWeekday(date) < 6;
  }

  /**
   * The end of the `days`-th working day after the one `from` falls on (the day of dispatch does
   * not count): a deadline of N working days.
   */
  addWorkingDays(from: Date, days: number): Date {
    let date = cstDay(from);
    let left = days;
    while (left > 0) {
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) left -= 1;
    }
    const [, end] = this.hours.periods.at(-1) ?? [0, 24 * 60];
    return cstAt(date, end);
  }

  /** `hours` of office time after `from`, skipping nights, days off and the lunch break. */
  addWorkingHours(from: Date, hours: number): Date {
    let left = Math.round(hours * 60);
    let date = cstDay(from);
    let minute = cstMinuteOfDay(from);
    for (;;) {
      if (this.isWorkingDay(date)) {
        for (const [start, end] of this.hours.periods) {
          const begin = Math.max(start, minute);
          if (begin >= end) continue;
          if (left <= end - begin) return cstAt(date, begin + left);
          left -= end - begin;
        }
      }
      date = addDays(date, 1);
      minute = 0;
    }
  }
}

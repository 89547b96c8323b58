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

  /**
   * Office time from `from` to `to` in working days (a whole office day is 1): nights, days off
   * and the lunch break do not count. The handling-time figures read it (shared/figures/).
   */
  workingDaysBetween(from: Date, to: Date): number {
    if (to.getTime() <= from.getTime()) return 0;
    const perDay = this.hours.periods.reduce((sum, [start, end]) => sum + end - start, 0);
    const lastDay = cstDay(to);
    let minutes = 0;
    for (let date = cstDay(from); date <= lastDay; date = addDays(date, 1)) {
      if (!this.isWorkingDay(date)) continue;
      const lo = date === cstDay(from) ? cstMinuteOfDay(from) : 0;
      const hi = date === lastDay ? cstMinuteOfDay(to) : 24 * 60;
      for (const [start, end] of this.hours.periods)
        minutes += Math.max(0, Math.min(end, hi) - Math.max(start, lo));
    }
    return minutes / perDay;
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

/**
 * China time: the one place that turns instants into Beijing calendar days and back. China
 * Standard Time has been UTC+8 all year since 1991 (no daylight saving), so a fixed offset is
 * exact for every record this system holds, and the arithmetic needs no time-zone database.
 *
 * Instants are UTC `Date`s; days are `YYYY-MM-DD` strings of the Beijing calendar. A period is
 * the half-open interval [start, start of the next): 23:59:59.999 CST belongs to its day, 00:00
 * to the next. Weeks start on Monday (ISO 8601). Working days (holidays, make-up days, office
 * hours) are the calendar's business (src/shared/cases/calendar.ts), built on these boundaries.
 */

/** The IANA zone, for `Intl` formatting of instants shown to people. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';
export const CST_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

export const CALENDAR_UNITS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type CalendarUnit = (typeof CALENDAR_UNITS)[number];

/** Days since 1970-01-01 of the Beijing day an instant falls on. */
const cstEpochDay = (instant: Date) => Math.floor((instant.getTime() + CST_OFFSET_MS) / DAY_MS);
const utcMidnight = (day: string) => Date.parse(`${day}T00:00:00Z`);
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The Beijing calendar day of an instant, `YYYY-MM-DD`. */
export function cstDay(instant: Date): string {
  return isoDate(instant.getTime() + CST_OFFSET_MS);
}

/** The first instant (00:00 CST) of a Beijing day `YYYY-MM-DD`. */
export function cstMidnight(day: string): Date {
  return new Date(utcMidnight(day) - CST_OFFSET_MS);
}

/** The first instant after a Beijing day: the exclusive end of an inclusive `to` day. */
export function cstDayAfter(day: string): Date {
  return new Date(utcMidnight(day) - CST_OFFSET_MS + DAY_MS);
}

/** The instant `minutes` after 00:00 CST of `day`. */
export function cstAt(day: string, minutes: number): Date {
  return new Date(utcMidnight(day) - CST_OFFSET_MS + minutes * 60_000);
}

/** Minutes since 00:00 CST of the instant's day. */
export function cstMinuteOfDay(instant: Date): number {
  const ms = instant.getTime() + CST_OFFSET_MS - cstEpochDay(instant) * DAY_MS;
  return Math.floor(ms / 60_000);
}

/** An instant as staff read it in exports, in China time whatever the server's zone: 2026-03-01 10:05. */
export function cstMinuteText(instant: Date): string {
  const minute = cstMinuteOfDay(instant);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${cstDay(instant)} ${two(Math.floor(minute / 60))}:${two(minute % 60)}`;
}

/** The hour (0–23) on a Beijing clock. */
export function cstHour(instant: Date): number {
  return Math.floor(cstMinuteOfDay(instant) / 60);
}

/** The Beijing calendar year of an instant. */
export function cstYear(instant: Date): number {
  return new Date(instant.getTime() + CST_OFFSET_MS).getUTCFullYear();
}

/** ISO weekday (1 = Monday … 7 = Sunday) of the Beijing day an instant falls on. */
export function cstWeekday(instant: Date): number {
  // 1970-01-01 was a Thursday (4).
  return ((((cstEpochDay(instant) + 3) % 7) + 7) % 7) + 1;
}

export function addDays(day: string, days: number): string {
  return isoDate(utcMidnight(day) + days * DAY_MS);
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(utcMidnight(day)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** The first day of the `unit` (day, week, month, quarter, year) that `day` lies in. */
export function firstDayOf(unit: CalendarUnit, day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  switch (unit) {
    case 'day':
      return day;
    case 'week':
      return addDays(day, 1 - isoWeekday(day));
    case 'month':
      return ymd(year, month, 1);
    case 'quarter':
      return ymd(year, Math.floor((month - 1) / 3) * 3 + 1, 1);
    case 'year':
      return ymd(year, 1, 1);
  }
}

/** The first day of the `unit` after the one `day` lies in. */
export function firstDayOfNext(unit: CalendarUnit, day: string): string {
  const first = firstDayOf(unit, day);
  const year = Number(first.slice(0, 4));
  const month = Number(first.slice(5, 7));
  switch (unit) {
    case 'day':
      return addDays(first, 1);
    case 'week':
      return addDays(first, 7);
    case 'month':
      return month === 12 ? ymd(year + 1, 1, 1) : ymd(year, month + 1, 1);
    case 'quarter':
      return month === 10 ? ymd(year + 1, 1, 1) : ymd(year, month + 3, 1);
    case 'year':
      return ymd(year + 1, 1, 1);
  }
}

/** 00:00 CST of the day, week, month, quarter or year an instant lies in. */
export function startOf(unit: CalendarUnit, instant: Date): Date {
  // Days by arithmetic alone: seeding calls this per generated visit.
  if (unit === 'day') return new Date(cstEpochDay(instant) * DAY_MS - CST_OFFSET_MS);
  return cstMidnight(firstDayOf(unit, cstDay(instant)));
}

/** 00:00 CST of the next day, week, month, quarter or year: the exclusive end of the current one. */
export function startOfNext(unit: CalendarUnit, instant: Date): Date {
  if (unit === 'day') return new Date((cstEpochDay(instant) + 1) * DAY_MS - CST_OFFSET_MS);
  return cstMidnight(firstDayOfNext(unit, cstDay(instant)));
}

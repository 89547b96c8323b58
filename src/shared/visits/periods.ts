/**
 * Visit periods (week, month, quarter, year) in China Standard Time. CST has been UTC+8 all year
 * since 1991 (no daylight saving), so a fixed offset is exact. A period is the half-open interval
 * [start, end): a visit at 23:59:59 CST on a quarter's last day lies in that quarter, one at 00:00
 * the next day in the next. Weeks start on Monday (ISO 8601).
 */
export const PERIOD_KINDS = ['week', 'month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** First instant of the period (00:00 CST of its first day). */
  start: Date;
  /** First instant after it (00:00 CST of the next period's first day). */
  end: Date;
  /** First and last CST day, inclusive, as YYYY-MM-DD. */
  from: string;
  to: string;
}

const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** A CST calendar day as YYYY-MM-DD. */
export function cstDay(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 CST of a YYYY-MM-DD day. */
export function cstMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CST_OFFSET_MS);
}

/** Minutes since CST midnight. */
export function cstMinuteOfDay(instant: Date): number {
  const ms = (((instant.getTime() + CST_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return Math.floor(ms / 60_000);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** The first day of the period of `kind` containing `day`, and the first day of the next one. */
function bounds(kind: PeriodKind, day: string): [string, string] {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  switch (kind) {
    case 'week': {
      const first = addDays(day, 1 - isoWeekday(day));
      return [first, addDays(first, 7)];
    }
    case 'month':
      return [ymd(year, month, 1), month === 12 ? ymd(year + 1, 1, 1) : ymd(year, month + 1, 1)];
    case 'quarter': {
      const firstMonth = Math.floor((month - 1) / 3) * 3 + 1;
      return [
        ymd(year, firstMonth, 1),
        firstMonth === 10 ? ymd(year + 1, 1, 1) : ymd(year, firstMonth + 3, 1),
      ];
    }
    case 'year':
      return [ymd(year, 1, 1), ymd(year + 1, 1, 1)];
  }
}

/** The period of `kind` that contains the CST day `day` (YYYY-MM-DD). */
export function periodOfDay(kind: PeriodKind, day: string): Period {
  const [from, next] = bounds(kind, day);
  return { kind, start: cstMidnight(from), end: cstMidnight(next), from, to: addDays(next, -1) };
}

/** The period of `kind` that contains an instant ("this quarter" is `periodContaining('quarter', now)`). */
export function periodContaining(kind: PeriodKind, instant: Date): Period {
  return periodOfDay(kind, cstDay(instant));
}

export function nextPeriod(period: Period): Period {
  return periodOfDay(period.kind, addDays(period.to, 1));
}

export function inPeriod(period: Period, instant: Date): boolean {
  const t = instant.getTime();
  return t >= period.start.getTime() && t < period.end.getTime();
}

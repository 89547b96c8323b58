import { addDays, daysInMonth, isoWeekday } from '../time/china-time.ts';

/** Fixed visit days: weekdays (1 = Monday … 7 = Sunday) and/or days of the month (1…31). */
export interface VisitDays {
  weekdays?: number[] | undefined;
  monthDays?: number[] | undefined;
}

/**
 * Whether `day` (YYYY-MM-DD) is a visit day. A day of the month past the month's end falls on its
 * last day: "the 31st" is the 30th in April and the 28th (29th in a leap year) in February.
 */
export function isVisitDay(days: VisitDays, day: string): boolean {
  if (days.weekdays?.includes(isoWeekday(day))) return true;
  const monthDays = days.monthDays ?? [];
  if (monthDays.length === 0) return false;
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const last = daysInMonth(year, month);
  const date = Number(day.slice(8, 10));
  return monthDays.some((d) => Math.min(d, last) === date);
}

/**
 * The first visit day on or after `day`; null when the rule names no day at all. Any non-empty
 * rule has a visit day within 31 days (a day of the month recurs every month, a weekday weekly).
 */
export function nextVisitDay(days: VisitDays, day: string): string | null {
  if (!days.weekdays?.length && !days.monthDays?.length) return null;
  for (let i = 0; i <= 31; i++) {
    const candidate = addDays(day, i);
    if (isVisitDay(days, candidate)) return candidate;
  }
  return null;
}

import { addDays, cstMidnight, firstDayOf, firstDayOfNext } from '../time/china-time.ts';
import type { Period, PeriodKind } from '../visits/periods.ts';

/**
 * Assessment periods: the week, month, quarter or year a figure is reported for, with the month's
 * first day as the assessment configures it. Beijing's street rankings, for one, count a month
 * from the 19th to the 18th; such a month is named by the month it ends in (19 Oct – 18 Nov is
 * November), and a quarter or year is three or twelve of those months. With the 1st (the default)
 * these are the calendar periods of shared/visits/periods.ts. All days are Beijing days.
 */
export interface AssessmentCalendar {
  /** The day of the month an assessment month starts on (1–28). */
  monthStartDay: number;
}

export const CALENDAR_MONTHS: AssessmentCalendar = { monthStartDay: 1 };

const pad = (n: number) => String(n).padStart(2, '0');

/** The same day of the month `months` months on (the day must exist in every month: ≤ 28). */
function shiftMonths(day: string, months: number): string {
  const index = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-${day.slice(8, 10)}`;
}

/**
 * The assessment period of `kind` that holds the Beijing day `day` (YYYY-MM-DD); `from` and `to`
 * are its first and last days, `start` and `end` its half-open instants.
 */
export function assessmentPeriodOfDay(
  kind: PeriodKind,
  day: string,
  calendar: AssessmentCalendar = CALENDAR_MONTHS,
): Period {
  const s = calendar.monthStartDay;
  if (!Number.isInteger(s) || s < 1 || s > 28) throw new RangeError('monthStartDay must be 1–28');
  if (kind === 'week' || s === 1) {
    const first = firstDayOf(kind, day);
    const next = firstDayOfNext(kind, day);
    return { kind, start: cstMidnight(first), end: cstMidnight(next), from: first, to: addDays(next, -1) };
  }
  // The calendar month the day's assessment month is named by: the next one from the start day on.
  const named =
    Number(day.slice(8, 10)) >= s ? shiftMonths(`${day.slice(0, 8)}01`, 1) : `${day.slice(0, 8)}01`;
  const namedFirst = firstDayOf(kind, named);
  const namedNext = firstDayOfNext(kind, named);
  const from = shiftMonths(`${namedFirst.slice(0, 8)}${pad(s)}`, -1);
  const next = shiftMonths(`${namedNext.slice(0, 8)}${pad(s)}`, -1);
  return { kind, start: cstMidnight(from), end: cstMidnight(next), from, to: addDays(next, -1) };
}

/** The assessment period just before `period` (for "change against the previous period"). */
export function previousAssessmentPeriod(
  period: Period,
  calendar: AssessmentCalendar = CALENDAR_MONTHS,
): Period {
  return assessmentPeriodOfDay(period.kind, addDays(period.from, -1), calendar);
}

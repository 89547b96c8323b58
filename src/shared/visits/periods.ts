import { addDays, cstDay, cstMidnight, firstDayOf, firstDayOfNext } from '../time/china-time.ts';

/**
 * Visit periods (week, month, quarter, year) in China Standard Time, with boundaries from
 * china-time.ts. A period is the half-open interval [start, end): a visit at 23:59:59 CST on a
 * quarter's last day lies in that quarter, one at 00:00 the next day in the next.
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

/** The period of `kind` that contains the CST day `day` (YYYY-MM-DD). */
export function periodOfDay(kind: PeriodKind, day: string): Period {
  const from = firstDayOf(kind, day);
  const next = firstDayOfNext(kind, day);
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

import {
  type AssessmentCalendar,
  assessmentPeriodOfDay,
  previousAssessmentPeriod,
} from '../figures/assessment-periods.ts';
import { addDays, cstMidnight, DAY_MS } from '../time/china-time.ts';
import { PERIOD_KINDS, type Period } from '../visits/periods.ts';

/**
 * The periods figures are read for: the assessment week, month, quarter or year holding a day
 * (by the district's calendar), or a custom range of Beijing days. The period before a custom
 * range is as many days just before it. Coverage and league tables keep the calendar kinds alone.
 */
export const FIGURE_PERIOD_KINDS = [...PERIOD_KINDS, 'custom'] as const;
export type FigurePeriodKind = (typeof FIGURE_PERIOD_KINDS)[number];

/** The longest custom range (a leap year). */
export const MAX_CUSTOM_DAYS = 366;

export type FigurePeriod = Omit<Period, 'kind'> & { kind: FigurePeriodKind };

export interface FigurePeriodRequest {
  period: FigurePeriodKind;
  at?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Days from `from` to `to`, both counted (1 for a single day). */
export const daysSpanned = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

const customRange = (from: string, to: string): FigurePeriod => ({
  kind: 'custom',
  start: cstMidnight(from),
  end: cstMidnight(addDays(to, 1)),
  from,
  to,
});

/**
 * The period asked for and the one before it. A custom request must carry `from` and `to`
 * (checked by the query schema); the others hold `at`, or `today` when absent.
 */
export function figurePeriods(
  request: FigurePeriodRequest,
  today: string,
  calendar: AssessmentCalendar,
): { current: FigurePeriod; previous: FigurePeriod } {
  if (request.period === 'custom') {
    const { from, to } = request;
    if (!from || !to) throw new RangeError('a custom period needs from and to');
    const n = daysSpanned(from, to);
    return { current: customRange(from, to), previous: customRange(addDays(from, -n), addDays(from, -1)) };
  }
  const current = assessmentPeriodOfDay(request.period, request.at ?? today, calendar);
  return { current, previous: previousAssessmentPeriod(current, calendar) };
}

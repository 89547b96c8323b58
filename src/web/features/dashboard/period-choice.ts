import { z } from 'zod';
import {
  daysSpanned,
  FIGURE_PERIOD_KINDS,
  type FigurePeriodKind,
  MAX_CUSTOM_DAYS,
} from '../../../shared/domain/figure-periods.ts';
import { calendarDaySchema } from '../../../shared/validation/dates.ts';
import { filterParams, filtersFromSearch } from '../../app/url-filters.ts';

/** The dashboard's period: a calendar kind, or a custom range of Beijing days (`from`–`to`). */
export interface PeriodChoice {
  period: FigurePeriodKind;
  from?: string;
  to?: string;
}

const choiceSchema = z.object({
  period: z.enum(FIGURE_PERIOD_KINDS).optional(),
  from: calendarDaySchema.optional(),
  to: calendarDaySchema.optional(),
});

export const DEFAULT_PERIOD: PeriodChoice = { period: 'month' };

/**
 * The period an address asks for (`?period=custom&from=…&to=…`, like the lists' filters); a custom
 * range the API would refuse (reversed, too long, half given) falls back to the month.
 */
export function periodChoiceFromSearch(search: string): PeriodChoice {
  const f = filtersFromSearch(choiceSchema, search);
  if (f.period === 'custom') {
    const { from, to } = f;
    return from && to && from <= to && daysSpanned(from, to) <= MAX_CUSTOM_DAYS
      ? { period: 'custom', from, to }
      : DEFAULT_PERIOD;
  }
  return { period: f.period ?? DEFAULT_PERIOD.period };
}

/** The query parameters of a period, for the address and the figures API alike. */
export function periodChoiceQuery(choice: PeriodChoice): string {
  return filterParams(
    choice.period === 'custom'
      ? { period: 'custom', from: choice.from, to: choice.to }
      : { period: choice.period },
  ).toString();
}

import { z } from 'zod';
import type { CalendarYear } from '../../../shared/cases/calendar-data.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { isoWeekday } from '../../../shared/time/china-time.ts';
import { calendarDaySchema } from '../../../shared/validation/dates.ts';
import { textSchema } from '../../../shared/validation/text.ts';

/**
 * A year of the working calendar as an operator loads it (the shape of the shipped years in
 * calendar-data.ts), read from the State Council's notice: every day off in the holiday periods,
 * and the weekend days that are working days (调休).
 */
export const calendarFileSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    source: textSchema(200),
    holidays: z.array(calendarDaySchema).min(1).max(60),
    workdays: z.array(calendarDaySchema).max(30),
  })
  .strict()
  .superRefine((y, ctx) => {
    const check = (list: 'holidays' | 'workdays') => {
      const seen = new Set<string>();
      y[list].forEach((date, i) => {
        if (!date.startsWith(`${y.year}-`))
          ctx.addIssue({ code: 'custom', path: [list, i], message: `${date} is not in ${y.year}.` });
        if (seen.has(date))
          ctx.addIssue({ code: 'custom', path: [list, i], message: `${date} is listed twice.` });
        seen.add(date);
      });
    };
    check('holidays');
    check('workdays');
    y.workdays.forEach((date, i) => {
      if (y.holidays.includes(date))
        ctx.addIssue({
          code: 'custom',
          path: ['workdays', i],
          message: `${date} is both a holiday and a working day.`,
        });
      if (isoWeekday(date) < 6)
        ctx.addIssue({
          code: 'custom',
          path: ['workdays', i],
          message: `${date} is a weekday: only Saturdays and Sundays can be make-up working days.`,
        });
    });
  });

/** Parses the file's text, or says in one sentence (plus each issue) what is wrong with it. */
export function parseCalendarFile(text: string): CalendarYear {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The calendar file is not valid JSON.');
  }
  const parsed = calendarFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.join('.'),
      reason: 'calendar',
      message: i.message,
    }));
    throw new AppError(
      'VALIDATION_FAILED',
      `The calendar file is not valid: ${issues.map((i) => `${i.path || '(file)'}: ${i.message}`).join('; ')}`,
      { issues },
    );
  }
  return parsed.data;
}

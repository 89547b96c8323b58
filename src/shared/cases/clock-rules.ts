import type { WorkingCalendar } from './calendar.ts';
import type { Clock } from './workflow.ts';

export const URGENCIES = ['urgent', 'important', 'ordinary'] as const; // 急 / 重 / 轻
export type Urgency = (typeof URGENCIES)[number];

/** A limit in office hours or in working days. */
export type Limit = { hours: number } | { workingDays: number };

/** The progress clock counts calendar days; the hotline clock's deadline is the platform's. */
export type ClockLimits = Record<Exclude<Clock, 'progress' | 'hotline'>, Record<Urgency, Limit>>;

/**
 * The defaults of docs/specs/workflow.md "Clocks". "1 day" for an urgent case's handling is read as one
 * working day's office hours (8 h). A district, and a category within it, may override any cell.
 */
export const DEFAULT_CLOCK_LIMITS: ClockLimits = {
  sign_off: { urgent: { hours: 1 }, important: { hours: 4 }, ordinary: { workingDays: 1 } },
  first_contact: { urgent: { hours: 2 }, important: { workingDays: 1 }, ordinary: { workingDays: 1 } },
  handling: { urgent: { hours: 8 }, important: { workingDays: 5 }, ordinary: { workingDays: 15 } },
  follow_up: { urgent: { workingDays: 1 }, important: { workingDays: 3 }, ordinary: { workingDays: 3 } },
};

/**
 * A deadline this close is "due soon" (amber in the lists, counted on the home pages): a working
 * day's office hours ahead.
 */
export const DUE_SOON_MS = 8 * 60 * 60 * 1000;

/** A progress notice to the reporter at least this often while the case is open (calendar days). */
export const PROGRESS_NOTICE_DAYS = 7;

export type ClockOverrides = Partial<{ [C in keyof ClockLimits]: Partial<Record<Urgency, Limit>> }>;

/** The limit that applies: the category's override, else the district's, else the default. */
export function limitFor(
  clock: keyof ClockLimits,
  urgency: Urgency,
  district: ClockOverrides = {},
  category: ClockOverrides = {},
): Limit {
  return category[clock]?.[urgency] ?? district[clock]?.[urgency] ?? DEFAULT_CLOCK_LIMITS[clock][urgency];
}

/** When a clock that starts at `from` falls due. */
export function dueAt(calendar: WorkingCalendar, from: Date, limit: Limit): Date {
  return 'hours' in limit
    ? calendar.addWorkingHours(from, limit.hours)
    : calendar.addWorkingDays(from, limit.workingDays);
}

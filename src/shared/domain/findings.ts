import { z } from 'zod';
import { cstDay } from '../time/china-time.ts';
import { calendarDaySchema } from '../validation/dates.ts';
import { textSchema } from '../validation/text.ts';

/**
 * Findings (issue 14 §2–§3): a point a criticism list or a supervision report makes about one
 * scored subject — a community, a handling unit, a cadre — which that subject answers once with a
 * rectification (整改) note and the day it was rectified. Unanswered after its due day, it is
 * overdue, and an overdue finding costs its subject points (score item `finding_overdue`).
 */
export const FINDING_SOURCES = ['criticism_list', 'supervision_report'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

export const FINDING_STATES = ['open', 'overdue', 'rectified'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

/**
 * A finding's state on an instant: answered → rectified; else overdue once the Beijing day is past
 * its due day (a finding due today is still open), else open. The one definition the list, its
 * filter and the scores use.
 */
export function findingState(
  finding: { dueOn: string; answeredAt: Date | string | null },
  now: Date,
): FindingState {
  if (finding.answeredAt !== null) return 'rectified';
  return cstDay(now) > finding.dueOn ? 'overdue' : 'open';
}

/**
 * Whether `dueOn` may be the rectification day of a finding issued on `today` (Beijing days): it
 * must lie ahead, or the finding would be overdue, and cost its unit a point, before anyone
 * could answer it. Every source of findings checks it when it issues them.
 */
export const dueDayIsAhead = (dueOn: string, today: string): boolean => dueOn > today;

/**
 * Whether a finding was not answered by the end of its due day (Beijing time), as of `now`: the
 * fact behind a `finding_overdue` point, dated the day after the due day. A late answer does not
 * undo it.
 */
export function wasOverdue(finding: { dueOn: string; answeredAt: Date | string | null }, now: Date): boolean {
  const dayAfter = cstDay(now) > finding.dueOn;
  if (finding.answeredAt === null) return dayAfter;
  return cstDay(new Date(finding.answeredAt)) > finding.dueOn;
}

export const findingsQuerySchema = z
  .object({
    state: z.enum(FINDING_STATES).optional(),
    source: z.enum(FINDING_SOURCES).optional(),
    /** Only the findings of one source (a list or a report). */
    sourceId: z.uuid().optional(),
  })
  .strict();
export type FindingsQuery = z.infer<typeof findingsQuerySchema>;

export const findingSchema = z.object({
  id: z.uuid(),
  source: z.object({ kind: z.enum(FINDING_SOURCES), id: z.uuid() }),
  subject: z.object({ key: z.string(), name: z.string() }),
  text: z.string(),
  dueOn: z.string(),
  state: z.enum(FINDING_STATES),
  rectification: z
    .object({ note: z.string(), rectifiedOn: z.string(), by: z.string().nullable(), at: z.string() })
    .nullable(),
  createdAt: z.string(),
  /** The caller may record the rectification (the subject's own unit, while unanswered). */
  answerable: z.boolean(),
});
export type Finding = z.infer<typeof findingSchema>;

export const findingListSchema = z.object({
  items: z.array(findingSchema),
  /** More findings matched than the page holds (the oldest due are shown first). */
  truncated: z.boolean(),
});
export type FindingList = z.infer<typeof findingListSchema>;

export const rectificationInputSchema = z
  .object({ note: textSchema(1000), rectifiedOn: calendarDaySchema })
  .strict();
export type RectificationInput = z.infer<typeof rectificationInputSchema>;

import { z } from 'zod';
import { LEAGUE_SUBJECTS } from '../figures/league.ts';
import { calendarDaySchema } from '../validation/dates.ts';
import { textSchema } from '../validation/text.ts';
import { periodSchema } from './coverage.ts';
import { SCORE_PERIOD_KINDS, scoreTableSchema } from './scores.ts';

/**
 * Closed score periods (issue 14 §1): a leader closes a district's or street's period once it has
 * ended; its rows and points are stored as they were (every kind of subject at once) and read
 * back as stored, whatever happens later. A district-wide leader may reopen it with a reason;
 * closing again writes the next revision.
 */
export const closeScorePeriodSchema = z
  .object({
    /** A district or street; a community's scores are closed with its street's. */
    regionId: z.uuid(),
    period: z.enum(SCORE_PERIOD_KINDS),
    /** A Beijing day inside the period, which must have ended. */
    at: calendarDaySchema,
  })
  .strict();
export type CloseScorePeriod = z.infer<typeof closeScorePeriodSchema>;

export const reopenScorePeriodSchema = z.object({ reason: textSchema(500, 5) }).strict();

export const SCORE_PERIOD_STATES = ['closed', 'reopened'] as const;

export const scorePeriodSummarySchema = z.object({
  id: z.string(),
  region: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  period: periodSchema,
  revision: z.number().int(),
  state: z.enum(SCORE_PERIOD_STATES),
  /** SHA-256 of the stored rows and points (also in the `score_period.closed` audit row). */
  digest: z.string(),
  closedAt: z.string(),
  closedBy: z.string(),
  reopenedAt: z.string().nullable(),
  reopenedBy: z.string().nullable(),
  reopenReason: z.string().nullable(),
});
export type ScorePeriodSummary = z.infer<typeof scorePeriodSummarySchema>;

export const scorePeriodTableQuerySchema = z
  .object({ subjects: z.enum(LEAGUE_SUBJECTS).default('places') })
  .strict();

/** A closed period's frozen table of one kind of subject, and what the caller may do with it. */
export const scorePeriodTableSchema = scoreTableSchema.extend({
  summary: scorePeriodSummarySchema,
});
export type ScorePeriodTable = z.infer<typeof scorePeriodTableSchema>;

export const scorePeriodPointsQuerySchema = z
  .object({
    subject: z.string().min(1).max(80),
    after: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ScorePeriodPointsQuery = z.infer<typeof scorePeriodPointsQuerySchema>;

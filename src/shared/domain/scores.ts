import { z } from 'zod';
import { LEAGUE_SUBJECTS } from '../figures/league.ts';
import { calendarDaySchema } from '../validation/dates.ts';
import { periodSchema } from './coverage.ts';
import { SCORE_ITEMS, scoreRulesSchema } from './score-rules.ts';

/**
 * Live scores (issue 14 §1): GET /api/v1/scores (a district's or street's table, per peer group)
 * and GET /api/v1/scores/points (one subject's points, page by page). Points are in hundredths
 * (`cp`); a score is the sum of its points. Computation: shared/figures/points.ts and scores.ts.
 */
export const SCORE_PERIOD_KINDS = ['month', 'quarter', 'year'] as const;

const tableQuery = {
  /** The place asked about; its table is that of the nearest district or street at or above it. */
  regionId: z.uuid(),
  period: z.enum(SCORE_PERIOD_KINDS).default('month'),
  /** A Beijing day inside the period; today when absent. */
  at: calendarDaySchema.optional(),
};

export const scoresQuerySchema = z
  .object({ ...tableQuery, subjects: z.enum(LEAGUE_SUBJECTS).default('places') })
  .strict();
export type ScoresQuery = z.infer<typeof scoresQuerySchema>;

export const scorePointsQuerySchema = z
  .object({
    ...tableQuery,
    /** The subject's key: a community's id, 'd:<department>', 'r:<region>' or 'u:<user>'. */
    subject: z.string().min(1).max(80),
    after: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ScorePointsQuery = z.infer<typeof scorePointsQuerySchema>;

export const SCORE_TABLE_ACTIONS = ['close', 'reopen'] as const;

const ruleVersionRef = z
  .object({ id: z.string(), version: z.number().int(), regionName: z.string(), effectiveFrom: z.string() })
  .nullable();

export const scoreRowSchema = z.object({
  key: z.string(),
  name: z.string(),
  scoreCp: z.number().int(),
  /** How many points make the score. */
  points: z.number().int(),
  rank: z.number().int(),
  groupSize: z.number().int(),
  list: z.enum(['red', 'black']).nullable(),
});
export type ScoreRowView = z.infer<typeof scoreRowSchema>;

export const scoreTableSchema = z.object({
  /** The district or street whose rules and table these are. */
  region: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  subjects: z.enum(LEAGUE_SUBJECTS),
  period: periodSchema,
  /** The version scoring the period (in effect on its first day); null: the defaults. */
  ruleVersion: ruleVersionRef,
  rules: scoreRulesSchema,
  /** Live tables are provisional until the period is closed. */
  closed: z.boolean(),
  /** A closed period: its stored snapshot (GET /api/v1/score-periods/:id), which this table is. */
  periodId: z.string().nullable().optional(),
  groups: z.array(z.object({ key: z.string(), name: z.string().nullable(), rows: z.array(scoreRowSchema) })),
  /** What the caller may do with the period: close it once it has ended, reopen it once closed. */
  actions: z.array(z.enum(SCORE_TABLE_ACTIONS)),
});
export type ScoreTable = z.infer<typeof scoreTableSchema>;

export const scorePointSchema = z.object({
  key: z.string(),
  item: z.enum(SCORE_ITEMS),
  cp: z.number().int(),
  day: z.string(),
  at: z.string(),
  source: z.object({
    kind: z.enum([
      'case_event',
      'spot_check_item',
      'campaign_example',
      'published_example',
      'figure',
      'finding',
      'evaluation_round',
      'hard_problem_item',
    ]),
    id: z.string(),
    caseId: z.string().nullable(),
    caseNumber: z.string().nullable(),
  }),
  detail: z.record(z.string(), z.unknown()),
});
export type ScorePointView = z.infer<typeof scorePointSchema>;

export const scorePointsPageSchema = z.object({
  region: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  period: periodSchema,
  subject: z.object({ key: z.string(), name: z.string() }),
  /** The whole score (every page), Σ cp. */
  scoreCp: z.number().int(),
  total: z.number().int(),
  items: z.array(scorePointSchema),
  next: z.string().nullable(),
});
export type ScorePointsPage = z.infer<typeof scorePointsPageSchema>;

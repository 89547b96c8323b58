import { z } from 'zod';
import { LEAGUE_ORDERS, LEAGUE_SUBJECTS } from '../figures/league.ts';
import { calendarDaySchema } from '../validation/dates.ts';
import { assessmentRulesSchema } from './assessment-rules.ts';
import { periodSchema } from './coverage.ts';
import { rateSchema } from './figures.ts';

/**
 * 数据晾晒 league tables (issue 12 §5): the live table (GET /api/v1/league), published tables
 * (POST/GET /api/v1/league-tables) and their export. Columns and ranking: shared/figures/league.ts.
 */
export const LEAGUE_PERIOD_KINDS = ['month', 'quarter'] as const;
export const leaguePeriodKindSchema = z.enum(LEAGUE_PERIOD_KINDS);
export const leagueSubjectsSchema = z.enum(LEAGUE_SUBJECTS);

export const leagueQuerySchema = z
  .object({
    regionId: z.uuid(),
    period: leaguePeriodKindSchema.default('month'),
    /** A Beijing day inside the period; today when absent. */
    at: calendarDaySchema.optional(),
    subjects: leagueSubjectsSchema.default('places'),
    order: z.enum(LEAGUE_ORDERS).default('composite'),
  })
  .strict();
export type LeagueQuery = z.infer<typeof leagueQuerySchema>;

export const publishLeagueSchema = z
  .object({
    regionId: z.uuid(),
    period: leaguePeriodKindSchema,
    at: calendarDaySchema.optional(),
    subjects: leagueSubjectsSchema,
  })
  .strict();
export type PublishLeague = z.infer<typeof publishLeagueSchema>;

const count = z.number();
const maybe = count.nullable();

export const leagueFiguresSchema = z.object({
  coveragePercent: maybe,
  visits: maybe,
  workers: maybe,
  visitsPerWorker: maybe,
  problemsFound: maybe,
  onSpotShare: rateSchema.nullable(),
  closureRate: rateSchema.nullable(),
  onTimeRate: rateSchema.nullable(),
  satisfactionRate: rateSchema.nullable(),
  reopened: maybe,
  overdue: maybe,
});

export const leagueRowSchema = z.object({
  /** The subject: a place's region id, 'd:<department>' / 'r:<region>' for a unit, 'u:<user>' for a cadre. */
  key: z.string(),
  name: z.string(),
  figures: leagueFiguresSchema,
  score: z.number().nullable(),
  rank: z.number().int(),
  previousRank: z.number().int().nullable(),
  rankChange: z.number().int().nullable(),
});
export type LeagueRow = z.infer<typeof leagueRowSchema>;

export const leagueTableSchema = z.object({
  region: z.object({ id: z.uuid(), name: z.string(), level: z.string() }),
  subjects: leagueSubjectsSchema,
  order: z.enum(LEAGUE_ORDERS),
  period: periodSchema,
  previousPeriod: periodSchema,
  /** The assessment rules the table was counted by (absent in tables published before rules were kept). */
  rules: assessmentRulesSchema.optional(),
  rows: z.array(leagueRowSchema),
});
export type LeagueTable = z.infer<typeof leagueTableSchema>;

export const publishedLeagueSummarySchema = z.object({
  id: z.uuid(),
  region: z.object({ id: z.uuid(), name: z.string() }),
  subjects: leagueSubjectsSchema,
  period: periodSchema,
  publishedAt: z.string(),
  publishedBy: z.string(),
});
export type PublishedLeagueSummary = z.infer<typeof publishedLeagueSummarySchema>;

export const publishedLeagueSchema = publishedLeagueSummarySchema.extend({ table: leagueTableSchema });
export type PublishedLeague = z.infer<typeof publishedLeagueSchema>;

export const publishedLeagueListQuerySchema = z
  .object({
    /** Only tables of this place and the places above it; all in reach when absent. */
    regionId: z.uuid().optional(),
  })
  .strict();

export const publishedLeagueListSchema = z.object({ items: z.array(publishedLeagueSummarySchema) });

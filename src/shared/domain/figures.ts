import { z } from 'zod';
import { CHANNELS } from '../domain/case.ts';
import { VISIT_FORMS } from '../domain/visit.ts';
import { calendarDaySchema } from '../validation/dates.ts';
import { periodKindSchema } from '../visits/rules.ts';
import { periodSchema } from './coverage.ts';

/**
 * The figures API (GET /api/v1/figures): a place's case and visit figures for a period and the one
 * before it, as shared/figures/ defines them (docs/specs/workflow.md "Figures").
 */
export const figuresQuerySchema = z
  .object({
    regionId: z.uuid(),
    period: periodKindSchema.default('month'),
    /** A Beijing day inside the period; today when absent. */
    at: calendarDaySchema.optional(),
  })
  .strict();
export type FiguresQuery = z.infer<typeof figuresQuerySchema>;

const count = z.number();
export const rateSchema = z.object({ numerator: count, denominator: count, value: z.number().nullable() });

export const caseFiguresSchema = z.object({
  received: count,
  receivedByChannel: z.record(z.enum(CHANNELS), count),
  onSpot: count,
  closed: count,
  reopened: count,
  overdue: count,
  reminders: count,
  supervised: count,
  passedToStreet: count,
  passedToDistrict: count,
  whistled: count,
  unsatisfied: count,
  closureRate: rateSchema,
  onTimeRate: rateSchema,
  satisfactionRate: rateSchema,
  responseRate: rateSchema,
  solutionRate: rateSchema,
  handlingDaysAverage: z.number().nullable(),
  handlingDaysP90: z.number().nullable(),
});

export const visitFiguresSchema = z.object({
  visits: count,
  householdVisits: count,
  enterpriseVisits: count,
  forumAndCollectionVisits: count,
  dayVisits: count,
  nightVisits: count,
  byForm: z.record(z.enum(VISIT_FORMS), count),
  byLeaderOrCadre: count,
  problemsFound: count,
  solvedOnSpot: count,
  opinionsCollected: count,
  attendance: count,
  householdsCovered: count,
  enterprisesCovered: count,
  householdCoveragePercent: count,
  enterpriseCoveragePercent: count,
});

const periodFiguresSchema = z.object({
  period: periodSchema,
  cases: caseFiguresSchema,
  visits: visitFiguresSchema,
});

export const figuresReportSchema = z.object({
  region: z.object({ id: z.uuid(), name: z.string(), level: z.string() }),
  current: periodFiguresSchema,
  previous: periodFiguresSchema,
});
export type FiguresReport = z.infer<typeof figuresReportSchema>;

/** What a place's figures can be broken down by: its child places, categories, units, or days. */
export const FIGURE_BREAKDOWNS = ['place', 'category', 'unit', 'day'] as const;
export type FigureBreakdownKind = (typeof FIGURE_BREAKDOWNS)[number];

/** GET /api/v1/figures/breakdown: the same place and period, one row per part. */
export const figureBreakdownQuerySchema = z
  .object({
    regionId: z.uuid(),
    period: periodKindSchema.default('month'),
    at: calendarDaySchema.optional(),
    by: z.enum(FIGURE_BREAKDOWNS),
  })
  .strict();
export type FigureBreakdownQuery = z.infer<typeof figureBreakdownQuerySchema>;

export const figureBreakdownRowSchema = z.object({
  /** The part: a child place's, category's or unit's id ('' for none), or a Beijing day. */
  key: z.string(),
  name: z.string(),
  /** What the case list filters by to show the cases the row counts (null where it cannot). */
  regionId: z.uuid().nullable(),
  categoryId: z.uuid().nullable(),
  day: calendarDaySchema.nullable(),
  cases: caseFiguresSchema,
  /** Visit figures, where visits have the part (places and days; not categories or case units). */
  visits: visitFiguresSchema.nullable(),
});
export type FigureBreakdownRow = z.infer<typeof figureBreakdownRowSchema>;

export const figureBreakdownSchema = z.object({
  region: z.object({ id: z.uuid(), name: z.string(), level: z.string() }),
  period: periodSchema,
  by: z.enum(FIGURE_BREAKDOWNS),
  rows: z.array(figureBreakdownRowSchema),
});
export type FigureBreakdown = z.infer<typeof figureBreakdownSchema>;

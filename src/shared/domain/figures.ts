import { z } from 'zod';
import { CHANNELS } from '../domain/case.ts';
import { VISIT_FORMS } from '../domain/visit.ts';
import { VISIT_COUNTER_KEYS } from '../figures/visit-figures.ts';
import { calendarDaySchema } from '../validation/dates.ts';
import { daysSpanned, FIGURE_PERIOD_KINDS, MAX_CUSTOM_DAYS } from './figure-periods.ts';

/**
 * The figures API (GET /api/v1/figures): a place's case and visit figures for a period and the one
 * before it, as shared/figures/ defines them (docs/specs/workflow.md "Figures").
 */
/**
 * A period as the figures are asked for: `period` (week … year) holding the day `at` (today when
 * absent), by the district's assessment calendar; or `period=custom` with `from` and `to`, Beijing
 * days both counted, at most MAX_CUSTOM_DAYS.
 */
const figurePeriodQuery = {
  period: z.enum(FIGURE_PERIOD_KINDS).default('month'),
  /** A Beijing day inside the period; today when absent. */
  at: calendarDaySchema.optional(),
  from: calendarDaySchema.optional(),
  to: calendarDaySchema.optional(),
};

function checkCustomRange(
  q: { period: string; at?: string | undefined; from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (q.period !== 'custom') {
    for (const key of ['from', 'to'] as const)
      if (q[key] !== undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} is for period=custom only` });
    return;
  }
  if (q.at !== undefined)
    ctx.addIssue({ code: 'custom', path: ['at'], message: 'a custom period takes from and to, not at' });
  if (!q.from || !q.to) {
    for (const key of ['from', 'to'] as const)
      if (!q[key])
        ctx.addIssue({ code: 'custom', path: [key], message: `period=custom needs ${key} (YYYY-MM-DD)` });
    return;
  }
  if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
  else if (daysSpanned(q.from, q.to) > MAX_CUSTOM_DAYS)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `a custom period spans at most ${MAX_CUSTOM_DAYS} days`,
    });
}

export const figuresQuerySchema = z
  .object({
    regionId: z.uuid(),
    ...figurePeriodQuery,
  })
  .strict()
  .superRefine(checkCustomRange);
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
  /** Yuan (two decimals), not a count. */
  aidDelivered: z.number().min(0),
  householdsCovered: count,
  enterprisesCovered: count,
  householdCoveragePercent: count,
  enterpriseCoveragePercent: count,
});

/** The period figures were counted for: a calendar kind or a custom range. */
export const figurePeriodSchema = z.object({
  kind: z.enum(FIGURE_PERIOD_KINDS),
  from: calendarDaySchema,
  to: calendarDaySchema,
});

const periodFiguresSchema = z.object({
  period: figurePeriodSchema,
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
    ...figurePeriodQuery,
    by: z.enum(FIGURE_BREAKDOWNS),
  })
  .strict()
  .superRefine(checkCustomRange);
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
  period: figurePeriodSchema,
  by: z.enum(FIGURE_BREAKDOWNS),
  rows: z.array(figureBreakdownRowSchema),
});
export type FigureBreakdown = z.infer<typeof figureBreakdownSchema>;

/** GET /api/v1/figures/province: the period, as for a place, but no place (issue 17 §3). */
export const provinceFiguresQuerySchema = z
  .object({ ...figurePeriodQuery })
  .strict()
  .superRefine(checkCustomRange);

/**
 * A district's or the province's figures: case figures as for a place, the visit counters as kept,
 * and coverage at the district's root as its own figures give it (households and enterprises now,
 * those visited in the period, whole per cent); null over a custom range, whose coverage is
 * counted from the diary by each district's own figures.
 */
const provincePartSchema = z.object({
  cases: caseFiguresSchema,
  visits: z.record(z.enum(VISIT_COUNTER_KEYS), z.number()),
  coverage: z
    .object({
      households: count,
      householdsVisited: count,
      enterprises: count,
      enterprisesVisited: count,
      householdCoveragePercent: count,
      enterpriseCoveragePercent: count,
    })
    .nullable(),
});
export type ProvincePartFigures = z.infer<typeof provincePartSchema>;

export const provinceFiguresSchema = z.object({
  period: figurePeriodSchema,
  districts: z.array(provincePartSchema.extend({ code: z.string(), name: z.string() })),
  province: provincePartSchema,
});
export type ProvinceFiguresReport = z.infer<typeof provinceFiguresSchema>;

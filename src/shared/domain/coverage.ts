import { z } from 'zod';
import { calendarDaySchema } from '../validation/dates.ts';
import { periodKindSchema, visitSubjectSchema } from '../visits/rules.ts';

/** Coverage, unvisited lists, quota progress and the visit-day list as the API speaks them. */
const day = calendarDaySchema;

export const periodSchema = z.object({ kind: periodKindSchema, from: day, to: day });

export const coverageQuerySchema = z
  .object({
    regionId: z.uuid(),
    period: periodKindSchema.default('quarter'),
    /** A CST day inside the period; today when absent. */
    at: day.optional(),
  })
  .strict();

const countsSchema = z.object({ inScope: z.number(), visited: z.number(), percent: z.number() });
export const unitCoverageSchema = z.object({
  regionId: z.uuid(),
  name: z.string(),
  level: z.string(),
  households: countsSchema,
  enterprises: countsSchema,
  /** Visits that started in the period (any target), night ones, and those a leader went on. */
  visits: z.number(),
  nightVisits: z.number(),
  leaderVisits: z.number(),
  teamsNeedingCadre: z.number(),
  gridsWithoutTeam: z.number(),
});
export type UnitCoverage = z.infer<typeof unitCoverageSchema>;
export const coverageReportSchema = z.object({
  period: periodSchema,
  /** The region asked for, as a whole. */
  total: unitCoverageSchema,
  /** Its child units (communities of a street, grids of a community …). */
  units: z.array(unitCoverageSchema),
});

export const unvisitedQuerySchema = z
  .object({
    regionId: z.uuid(),
    target: visitSubjectSchema.default('household'),
    period: periodKindSchema.default('quarter'),
    at: day.optional(),
    after: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export const unvisitedItemSchema = z.object({
  id: z.uuid(),
  type: visitSubjectSchema,
  /** The household's address or the enterprise's name. */
  name: z.string(),
  gridId: z.uuid(),
  gridName: z.string(),
  isKey: z.boolean(),
  /** The last visit ever (ISO instant), null when never visited. */
  lastVisitAt: z.string().nullable(),
});
export const unvisitedPageSchema = z.object({
  period: periodSchema,
  items: z.array(unvisitedItemSchema),
  next: z.string().nullable(),
  total: z.number(),
});

export const quotaQuerySchema = z
  .object({
    regionId: z.uuid(),
    /** Only the rules over this kind of period; all when absent. */
    period: periodKindSchema.optional(),
    at: day.optional(),
  })
  .strict();
export const quotaLineSchema = z.object({
  ruleId: z.uuid(),
  kind: z.enum(['quota', 'night_target']),
  /** household | enterprise for quotas; null for night targets (any target). */
  target: visitSubjectSchema.nullable(),
  period: periodSchema,
  done: z.number(),
  count: z.number(),
  percent: z.number(),
  met: z.boolean(),
});
export const workerQuotaSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  role: z.string(),
  regionName: z.string(),
  lines: z.array(quotaLineSchema),
});
export const quotaReportSchema = z.object({ items: z.array(workerQuotaSchema) });

export const visitDayQuerySchema = z
  .object({
    userId: z.uuid().optional(),
    /** Look for the next visit day on or after this CST day; today when absent. */
    from: day.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(30),
  })
  .strict();
export const visitDayItemSchema = z.object({
  id: z.uuid(),
  type: visitSubjectSchema,
  name: z.string(),
  gridName: z.string(),
  isKey: z.boolean(),
  lastVisitAt: z.string().nullable(),
  /** assigned: 包联 to the worker; team: in a grid whose team the worker belongs to. */
  source: z.enum(['assigned', 'team']),
});
export const visitDayListSchema = z.object({
  userId: z.uuid(),
  /** The next visit day by the rules that apply to the worker; the `from` day when none. */
  day,
  items: z.array(visitDayItemSchema),
});

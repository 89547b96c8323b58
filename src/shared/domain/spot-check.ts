import { z } from 'zod';
import { calendarDaySchema } from '../validation/dates.ts';
import { textSchema } from '../validation/text.ts';
import { MAX_SEED } from '../visits/sampling.ts';
import { visitFormSchema, visitTargetTypeSchema } from './visit.ts';

/**
 * Spot checks (抽查): a reproducible random sample (a percentage and a seed) of the visits in a
 * region and period, and the verification of each sampled visit.
 */
export const SPOT_CHECK_RESULTS = ['confirmed', 'not_confirmed', 'unreachable'] as const;
export const spotCheckResultSchema = z.enum(SPOT_CHECK_RESULTS);
export type SpotCheckResult = z.infer<typeof spotCheckResultSchema>;

/** The longest period one draw may cover. */
export const SPOT_CHECK_MAX_DAYS = 366;

const periodOk = (v: { from: string; to: string }) => v.from <= v.to;
const periodShort = (v: { from: string; to: string }) =>
  Date.parse(v.to) - Date.parse(v.from) < SPOT_CHECK_MAX_DAYS * 86_400_000;
const refinePeriod = <S extends z.ZodType<{ from: string; to: string }>>(schema: S) =>
  schema
    .refine(periodOk, { path: ['to'], message: 'to must not be before from' })
    .refine(periodShort, { path: ['to'], message: `at most ${SPOT_CHECK_MAX_DAYS} days` });

export const createSpotCheckSchema = refinePeriod(
  z
    .object({
      regionId: z.uuid(),
      from: calendarDaySchema,
      to: calendarDaySchema,
      percent: z.number().int().min(1).max(100),
      /** Omitted: the server picks one and stores it, so the draw can be repeated. */
      seed: z.number().int().min(0).max(MAX_SEED).optional(),
    })
    .strict(),
);
export type CreateSpotCheck = z.infer<typeof createSpotCheckSchema>;

export const spotCheckListQuerySchema = z.object({ regionId: z.uuid().optional() }).strict();

export const spotCheckSummarySchema = z.object({
  id: z.uuid(),
  regionId: z.uuid(),
  regionName: z.string(),
  from: z.string(),
  to: z.string(),
  percent: z.number().int(),
  seed: z.number().int(),
  createdAt: z.string(),
  createdByName: z.string(),
  /** Visits in the region and period when drawn. */
  sampled: z.number().int(),
  verified: z.number().int(),
  confirmed: z.number().int(),
});
export type SpotCheckSummary = z.infer<typeof spotCheckSummarySchema>;

export const spotCheckListSchema = z.object({
  items: z.array(spotCheckSummarySchema),
  actions: z.array(z.enum(['draw'])),
});

export const spotCheckItemSchema = z.object({
  visitId: z.uuid(),
  form: visitFormSchema,
  targetType: visitTargetTypeSchema,
  targetLabel: z.string(),
  regionName: z.string(),
  startedAt: z.string(),
  visitors: z.array(z.string()),
  result: spotCheckResultSchema.nullable(),
  note: z.string().nullable(),
  verifiedByName: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  actions: z.array(z.enum(['verify'])),
});
export type SpotCheckItem = z.infer<typeof spotCheckItemSchema>;

export const spotCheckDetailSchema = spotCheckSummarySchema.extend({
  items: z.array(spotCheckItemSchema),
});
export type SpotCheckDetail = z.infer<typeof spotCheckDetailSchema>;

export const verifySpotCheckItemSchema = z
  .object({ result: spotCheckResultSchema, note: textSchema(500, 0).optional() })
  .strict();

export const spotCheckFiguresQuerySchema = refinePeriod(
  z.object({ regionId: z.uuid(), from: calendarDaySchema, to: calendarDaySchema }).strict(),
);

/** Verification results per child unit, over sampled visits that started in the period. */
export const spotCheckFigureSchema = z.object({
  regionId: z.uuid(),
  regionName: z.string(),
  sampled: z.number().int(),
  confirmed: z.number().int(),
  notConfirmed: z.number().int(),
  unreachable: z.number().int(),
  /** confirmed / verified, or null before anything is verified. */
  confirmedRate: z.number().nullable(),
});
export type SpotCheckFigure = z.infer<typeof spotCheckFigureSchema>;

export const spotCheckFiguresSchema = z.object({
  regionId: z.uuid(),
  regionName: z.string(),
  units: z.array(spotCheckFigureSchema),
});

import { z } from 'zod';
import { calendarDaySchema, instantSchema } from '../validation/dates.ts';
import { textSchema } from '../validation/text.ts';

/**
 * Opinions and suggestions (意见建议) heard on a visit or at a forum. They are counted apart from
 * problems (which become cases at once) and become a case only when someone promotes one.
 */
/** A day (CST) or an instant, as the diary's period filters take them. */
const dayOrInstantSchema = z.union([calendarDaySchema, instantSchema]);

export const opinionInputSchema = z
  .object({
    text: textSchema(2000),
    /** A category of the case category tree, when the opinion is about one. */
    categoryId: z.uuid().optional(),
  })
  .strict();
export type OpinionInput = z.infer<typeof opinionInputSchema>;

/** At most this many opinions on one visit (a forum hears many voices, a visit a few). */
export const OPINIONS_PER_VISIT_MAX = 50;

export const opinionListQuerySchema = z
  .object({
    /** Opinions heard in this region or below. */
    regionId: z.uuid().optional(),
    /** From this day (CST) or instant on, inclusive. */
    from: dayOrInstantSchema.optional(),
    /** Up to this day (CST, inclusive) or instant (exclusive). */
    to: dayOrInstantSchema.optional(),
    after: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type OpinionListQuery = z.infer<typeof opinionListQuerySchema>;

export const opinionExportQuerySchema = opinionListQuerySchema.omit({ after: true, limit: true });
export type OpinionExportQuery = z.infer<typeof opinionExportQuerySchema>;

export const opinionSchema = z.object({
  id: z.uuid(),
  visitId: z.uuid(),
  regionId: z.uuid(),
  regionName: z.string(),
  text: z.string(),
  categoryId: z.uuid().nullable(),
  categoryName: z.string().nullable(),
  recordedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  recordedAt: z.string(),
  /** The case it was promoted to, if any. */
  promotedCase: z.object({ id: z.uuid(), number: z.string() }).nullable(),
});
export type Opinion = z.infer<typeof opinionSchema>;

/** `total` is the count of opinions collected in the filter: the figure the accounts publish. */
export const opinionListSchema = z.object({
  items: z.array(opinionSchema),
  next: z.string().nullable(),
  total: z.number().int(),
});

export const promotedOpinionSchema = z.object({
  opinionId: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.string(),
});
export type PromotedOpinion = z.infer<typeof promotedOpinionSchema>;

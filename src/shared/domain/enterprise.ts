import { z } from 'zod';

/** Enterprises of the territory; the contact phone is masked unless explicitly unmasked (trust.md §14). */
export const enterpriseSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string(),
  address: z.string(),
  gridId: z.uuid(),
  gridName: z.string(),
  tags: z.array(z.string()),
});
export type EnterpriseSummary = z.infer<typeof enterpriseSummarySchema>;

export const enterpriseListQuerySchema = z
  .object({
    regionId: z.uuid().optional(),
    q: z.string().trim().max(100).optional(),
    after: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const enterpriseListSchema = z.object({
  items: z.array(enterpriseSummarySchema),
  /** Opaque cursor for the next page; null on the last page. */
  next: z.string().nullable(),
  total: z.number().int(),
});

export const enterpriseActionSchema = z.enum(['unmask']);

export const enterpriseDetailSchema = enterpriseSummarySchema.extend({
  regionPath: z.array(z.object({ id: z.uuid(), name: z.string(), level: z.string() })),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  /** What the signed-in user may do here; the UI shows only these. */
  actions: z.array(enterpriseActionSchema),
});
export type EnterpriseDetail = z.infer<typeof enterpriseDetailSchema>;

export const enterpriseUnmaskRequestSchema = z
  .object({
    field: z.enum(['contact_phone']),
    reason: z.string().trim().min(2).max(200),
  })
  .strict();

export const enterpriseUnmaskResponseSchema = z.object({
  field: z.enum(['contact_phone']),
  value: z.string(),
});

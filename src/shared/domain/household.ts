import { z } from 'zod';

/** Personal fields are masked by the server unless explicitly unmasked (trust.md §14). */
export const memberSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  gender: z.enum(['M', 'F']),
  birthDate: z.string(),
  relationship: z.string(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
});

export const householdSummarySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  address: z.string(),
  gridId: z.uuid(),
  gridName: z.string(),
  tags: z.array(z.string()),
  memberCount: z.number().int(),
});
export type HouseholdSummary = z.infer<typeof householdSummarySchema>;

export const householdListQuerySchema = z
  .object({
    regionId: z.uuid().optional(),
    q: z.string().trim().max(100).optional(),
    after: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const householdListSchema = z.object({
  items: z.array(householdSummarySchema),
  /** Opaque cursor for the next page; null on the last page. */
  next: z.string().nullable(),
  total: z.number().int(),
});

export const householdActionSchema = z.enum(['unmask']);

export const householdDetailSchema = householdSummarySchema.extend({
  regionPath: z.array(z.object({ id: z.uuid(), name: z.string(), level: z.string() })),
  members: z.array(memberSchema),
  /** What the signed-in user may do here; the UI shows only these. */
  actions: z.array(householdActionSchema),
});
export type HouseholdDetail = z.infer<typeof householdDetailSchema>;

export const unmaskRequestSchema = z
  .object({
    field: z.enum(['id_number', 'phone']),
    reason: z.string().trim().min(2).max(200),
  })
  .strict();

export const unmaskResponseSchema = z.object({ field: z.enum(['id_number', 'phone']), value: z.string() });

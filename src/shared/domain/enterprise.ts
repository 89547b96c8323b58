import { z } from 'zod';
import { positionSchema } from '../map/position.ts';
import { creditCodeSchema } from '../validation/credit-code.ts';
import { mobilePhoneSchema } from '../validation/phone.ts';
import { textSchema } from '../validation/text.ts';
import { pageNumberSchema } from './paging.ts';
import { tagCodeSchema } from './tags.ts';

/** Enterprises of the territory; the contact phone is masked unless explicitly unmasked (docs/specs/trust.md §14). */
export const enterpriseSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string(),
  address: z.string(),
  gridId: z.uuid(),
  gridName: z.string(),
  tags: z.array(z.string()),
  /** The enterprise liaison (陪跑员) assigned, by display name. */
  liaisonName: z.string().nullable(),
});
export type EnterpriseSummary = z.infer<typeof enterpriseSummarySchema>;

export const enterpriseListQuerySchema = z
  .object({
    regionId: z.uuid().optional(),
    q: textSchema(100, 0).optional(),
    /** Only enterprises carrying this tag. */
    tag: tagCodeSchema.optional(),
    /** `me`: only the enterprises whose liaison is the signed-in user ("my enterprises"). */
    liaison: z.enum(['me']).optional(),
    after: z.string().max(400).optional(),
    /** A numbered page instead of a cursor (shared/domain/paging.ts). */
    page: pageNumberSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type EnterpriseListQuery = z.input<typeof enterpriseListQuerySchema>;

/** What the caller may do on the list itself. */
export const enterpriseListActionSchema = z.enum(['create']);

/** A row of the list: the summary and when the enterprise was last visited (null: never). */
export const enterpriseListItemSchema = enterpriseSummarySchema.extend({
  lastVisitAt: z.string().nullable(),
});

export const enterpriseListSchema = z.object({
  items: z.array(enterpriseListItemSchema),
  /** Opaque cursor for the next page; null on the last page. */
  next: z.string().nullable(),
  /** Counted up to LIST_TOTAL_CAP (shared/domain/paging.ts). */
  total: z.number().int(),
  /** The total reached the cap: there are at least this many. */
  totalCapped: z.boolean(),
  actions: z.array(enterpriseListActionSchema),
});
export type EnterpriseList = z.infer<typeof enterpriseListSchema>;

export const ENTERPRISE_ACTIONS = ['edit', 'remove', 'assign-liaison', 'unmask'] as const;
export const enterpriseActionSchema = z.enum(ENTERPRISE_ACTIONS);
export type EnterpriseAction = z.infer<typeof enterpriseActionSchema>;

export const enterpriseDetailSchema = enterpriseSummarySchema.extend({
  regionPath: z.array(z.object({ id: z.uuid(), name: z.string(), level: z.string() })),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  /** Where it is (WGS84), when recorded: the map and a first check-in use it. */
  position: positionSchema.nullable(),
  liaisonId: z.uuid().nullable(),
  /** What the signed-in user may do here; the UI shows only these. */
  actions: z.array(enterpriseActionSchema),
});
export type EnterpriseDetail = z.infer<typeof enterpriseDetailSchema>;

export const ENTERPRISE_NAME_MAX = 200;
export const ENTERPRISE_ADDRESS_MAX = 200;
export const CONTACT_NAME_MAX = 50;

/**
 * The fields a grid worker or liaison records. The credit code is validated with its GB 32100
 * check character and stored upper-case; the contact phone is normalised to 11 digits and stored
 * only encrypted. `null` clears an optional field.
 */
const enterpriseFields = {
  gridId: z.uuid(),
  name: textSchema(ENTERPRISE_NAME_MAX, 2),
  creditCode: creditCodeSchema,
  address: textSchema(ENTERPRISE_ADDRESS_MAX, 2),
  tags: z.array(tagCodeSchema).max(20),
  contactName: textSchema(CONTACT_NAME_MAX).nullable(),
  contactPhone: mobilePhoneSchema.nullable(),
  /** Where it is (WGS84). */
  position: positionSchema.nullable(),
};

export const createEnterpriseSchema = z
  .object({
    ...enterpriseFields,
    tags: enterpriseFields.tags.default([]),
    contactName: enterpriseFields.contactName.optional(),
    contactPhone: enterpriseFields.contactPhone.optional(),
    position: enterpriseFields.position.optional(),
  })
  .strict();
export type CreateEnterpriseInput = z.input<typeof createEnterpriseSchema>;

/** Any subset of the fields; an empty change is refused rather than audited as nothing. */
export const updateEnterpriseSchema = z
  .object(enterpriseFields)
  .partial()
  .strict()
  .refine((change) => Object.keys(change).length > 0, { message: 'Nothing to change.' });
export type UpdateEnterpriseInput = z.input<typeof updateEnterpriseSchema>;

export const removeEnterpriseSchema = z.object({ reason: textSchema(200, 2) }).strict();

/** Assigns a liaison (陪跑员), or removes the assignment with `null`. */
export const assignLiaisonSchema = z.object({ userId: z.uuid().nullable() }).strict();

/** An account that may be made an enterprise's liaison: active, with a liaison grant reaching it. */
export const liaisonCandidateSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  /** The region (or district) the liaison grant covers. */
  scopeName: z.string(),
});
export type LiaisonCandidate = z.infer<typeof liaisonCandidateSchema>;
export const liaisonCandidateListSchema = z.object({ items: z.array(liaisonCandidateSchema) });

export const enterpriseUnmaskRequestSchema = z
  .object({
    field: z.enum(['contact_phone']),
    reason: textSchema(200, 2),
  })
  .strict();

export const enterpriseUnmaskResponseSchema = z.object({
  field: z.enum(['contact_phone']),
  value: z.string(),
});

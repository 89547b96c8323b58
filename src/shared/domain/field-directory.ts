import { z } from 'zod';
import { textSchema } from '../validation/text.ts';

/**
 * The field app's directory (issue 13 §1): every household and enterprise a worker reaches,
 * found by name, address, building or a phone's last four digits, browsed estate → building →
 * unit → room, and a grid's whole directory kept on the phone. Personal data stays masked: a
 * phone is only ever its last four digits, which every mask shows anyway.
 */

/** A browse value; the empty string stands for "none" (a village house has no estate or unit). */
const placePart = textSchema(100, 0);

/** Four digits: the end of a masked phone (138****5678). */
export const LAST_FOUR = /^\d{4}$/;

export const fieldHouseholdQuerySchema = z
  .object({
    q: textSchema(100, 0).optional(),
    estate: placePart.optional(),
    building: placePart.optional(),
    unit: placePart.optional(),
    after: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict()
  .refine((v) => v.building === undefined || v.estate !== undefined, {
    path: ['building'],
    message: 'a building is browsed within an estate',
  })
  .refine((v) => v.unit === undefined || v.building !== undefined, {
    path: ['unit'],
    message: 'a unit is browsed within a building',
  });

export const fieldHouseholdSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  address: z.string(),
  estate: z.string().nullable(),
  building: z.string().nullable(),
  unit: z.string().nullable(),
  room: z.string().nullable(),
  gridId: z.uuid(),
  gridName: z.string(),
  isKey: z.boolean(),
  lastVisitAt: z.string().nullable(),
  /** The live members' names (the card shows them too). */
  names: z.array(z.string()),
  /** The last four digits of the members' phones: all a mask shows. */
  phoneLast4: z.array(z.string()),
});
export type FieldHousehold = z.infer<typeof fieldHouseholdSchema>;

export const fieldHouseholdListSchema = z.object({
  items: z.array(fieldHouseholdSchema),
  next: z.string().nullable(),
  total: z.number().int(),
});

export const fieldPlaceQuerySchema = z
  .object({ estate: placePart.optional(), building: placePart.optional() })
  .strict()
  .refine((v) => v.building === undefined || v.estate !== undefined, {
    path: ['building'],
    message: 'a building is browsed within an estate',
  });

export const FIELD_PLACE_LEVELS = ['estate', 'building', 'unit'] as const;
export type FieldPlaceLevel = (typeof FIELD_PLACE_LEVELS)[number];

/** One level of the browse: its values ('' for none) with how many households each holds. */
export const fieldPlaceListSchema = z.object({
  level: z.enum(FIELD_PLACE_LEVELS),
  items: z.array(z.object({ value: z.string(), households: z.number().int() })),
});
export type FieldPlaceList = z.infer<typeof fieldPlaceListSchema>;

export const fieldEnterpriseQuerySchema = z
  .object({
    q: textSchema(100, 0).optional(),
    liaison: z.enum(['me']).optional(),
    after: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const fieldEnterpriseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string(),
  gridId: z.uuid(),
  gridName: z.string(),
  contactName: z.string().nullable(),
  contactPhoneLast4: z.string().nullable(),
  liaisonName: z.string().nullable(),
  /** The caller is its liaison (陪跑员). */
  mine: z.boolean(),
  lastVisitAt: z.string().nullable(),
});
export type FieldEnterprise = z.infer<typeof fieldEnterpriseSchema>;

export const fieldEnterpriseListSchema = z.object({
  items: z.array(fieldEnterpriseSchema),
  next: z.string().nullable(),
  total: z.number().int(),
});

/** How many households and enterprises one grid's kept directory holds at most. */
export const FIELD_PACK_MAX = 3000;

export const fieldGridSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The grid's community, to tell grids of the same name apart. */
  parentName: z.string().nullable(),
  households: z.number().int(),
  enterprises: z.number().int(),
  /** A grid the caller covers: their grant stands on it. */
  own: z.boolean(),
});
export type FieldGrid = z.infer<typeof fieldGridSchema>;

export const fieldGridListSchema = z.object({
  items: z.array(fieldGridSchema),
  /** More grids are in reach than listed. */
  truncated: z.boolean(),
});

/** One grid's directory as the phone keeps it. */
export const fieldPackSchema = z.object({
  grid: z.object({ id: z.uuid(), name: z.string() }),
  households: z.array(fieldHouseholdSchema),
  enterprises: z.array(fieldEnterpriseSchema),
  /** The grid holds more than FIELD_PACK_MAX of a kind; the rest is found online. */
  truncated: z.boolean(),
  generatedAt: z.string(),
});
export type FieldPack = z.infer<typeof fieldPackSchema>;

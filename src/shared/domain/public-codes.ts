import { z } from 'zod';
import { problemSchema } from '../errors/problem.ts';

/**
 * Public codes (issue 15 §1): the text behind a grid's or an estate's QR poster, e.g.
 * `330109-K7M2QX9A`. The six digits are the district code, so a scan is routed to one district
 * (the schema distributes by district); the eight characters after the dash are Crockford base32
 * (no I, L, O, U), 40 random bits. A code read off a poster by hand is normalised the Crockford
 * way: case-insensitive, O read as 0, I and L read as 1.
 */
export const PUBLIC_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PUBLIC_CODE_BODY_LENGTH = 8;

const codePattern = /^(\d{6})-([0-9A-HJKMNP-TV-Z]{8})$/;

/** The canonical form of a typed or scanned code, or null when it cannot be a code at all. */
export function normalizePublicCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const text = input.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  const match = codePattern.exec(text);
  return match ? text : null;
}

/** The district a (canonical) code belongs to. */
export function publicCodeDistrict(code: string): string | null {
  const match = codePattern.exec(code);
  return match ? (match[1] ?? null) : null;
}

/** A code from random bytes (one byte per character; only its low five bits are used). */
export function publicCodeFromBytes(districtCode: string, bytes: Uint8Array): string {
  if (!/^\d{6}$/.test(districtCode)) throw new Error(`not a district code: ${districtCode}`);
  if (bytes.length < PUBLIC_CODE_BODY_LENGTH) throw new Error('not enough random bytes');
  let body = '';
  for (let i = 0; i < PUBLIC_CODE_BODY_LENGTH; i++) body += PUBLIC_CODE_ALPHABET[(bytes[i] ?? 0) & 31];
  return `${districtCode}-${body}`;
}

/** The path the QR code encodes (after the origin). */
export function publicCodePath(code: string): string {
  return `/q/${code}`;
}

/** GET /api/v1/public/codes/:code — where a code reports to (contract C1). */
export const publicCodePlaceSchema = z.object({
  code: z.string(),
  regionId: z.string(),
  estateId: z.string().nullable(),
  names: z.object({
    district: z.string(),
    street: z.string(),
    community: z.string(),
    grid: z.string().nullable(),
    estate: z.string().nullable(),
  }),
  hotline: z.string().nullable(),
});
export type PublicCodePlace = z.infer<typeof publicCodePlaceSchema>;

/** The 410 of a retired code: a problem+json naming the code that replaced it (or null). */
export const retiredCodeProblemSchema = problemSchema.extend({
  details: z.object({ replacedBy: z.string().nullable() }),
});
export type RetiredCodeProblem = z.infer<typeof retiredCodeProblemSchema>;

/** Staff view of one place's live code (grid or estate). */
export const publicCodeSchema = z.object({
  code: z.string(),
  url: z.string(),
  regionId: z.string(),
  estateId: z.string().nullable(),
  createdAt: z.string(),
});
export type PublicCode = z.infer<typeof publicCodeSchema>;

/** One poster of a sheet: the place's names, its code and link, and the QR code (an SVG data URL). */
export const posterSchema = z.object({
  kind: z.enum(['grid', 'estate']),
  code: z.string(),
  url: z.string(),
  qrDataUrl: z.string(),
  regionId: z.string(),
  estateId: z.string().nullable(),
  names: publicCodePlaceSchema.shape.names,
  hotline: z.string().nullable(),
});
export type Poster = z.infer<typeof posterSchema>;

export const posterSheetSchema = z.object({ posters: z.array(posterSchema) });
export type PosterSheet = z.infer<typeof posterSheetSchema>;

export const estateNameSchema = z.string().trim().min(1).max(60);
export const estateAddressSchema = z.string().trim().max(200);
export const buildingNameSchema = z.string().trim().min(1).max(40);

export const buildingSchema = z.object({ id: z.string(), name: z.string() });
export type Building = z.infer<typeof buildingSchema>;

export const estateSchema = z.object({
  id: z.string(),
  gridId: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  buildings: z.array(buildingSchema),
  code: z.string().nullable(),
});
export type Estate = z.infer<typeof estateSchema>;

export const estateInputSchema = z
  .object({ name: estateNameSchema, address: estateAddressSchema.nullable().optional() })
  .strict();
export const estatePatchSchema = z
  .object({ name: estateNameSchema.optional(), address: estateAddressSchema.nullable().optional() })
  .strict();
export const buildingInputSchema = z.object({ name: buildingNameSchema }).strict();
export type EstateInput = z.infer<typeof estateInputSchema>;
export type EstatePatch = z.infer<typeof estatePatchSchema>;
export type BuildingInput = z.infer<typeof buildingInputSchema>;

export const estateListSchema = z.object({ items: z.array(estateSchema) });
export type EstateList = z.infer<typeof estateListSchema>;

export const retireCodeInputSchema = z.object({ replace: z.boolean() }).strict();
export const retireCodeResultSchema = z.object({
  retired: z.string(),
  replacedBy: publicCodeSchema.nullable(),
});
export type RetireCodeResult = z.infer<typeof retireCodeResultSchema>;

/** The district's public hotline printed on posters and given by the lookup; null when not set. */
export const hotlineSchema = z.object({
  hotline: z
    .string()
    .trim()
    .max(30)
    .regex(/^[0-9+\-() ]*$/)
    .nullable(),
});
export type Hotline = z.infer<typeof hotlineSchema>;

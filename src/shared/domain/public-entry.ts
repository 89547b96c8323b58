import { z } from 'zod';
import { mobilePhoneSchema } from '../validation/phone.ts';

/**
 * What the public form takes beyond the report itself (issue 15 §1, §5): photos, the signed entry
 * point it was opened from, and the SMS code of a district that asks residents to confirm their phone.
 */

/** Photos one public report may carry, and the size of each after the browser has shrunk it. */
export const PUBLIC_PHOTOS_MAX = 3;
export const PUBLIC_PHOTO_MAX_BYTES = 1536 * 1024;

/** The length of `bytes` bytes written as base64 (with padding). */
export const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/** The default body limit of a public report: its photos in base64 (a third larger) and its text. */
export const PUBLIC_REPORT_MAX_BYTES = PUBLIC_PHOTOS_MAX * base64Length(PUBLIC_PHOTO_MAX_BYTES) + 64 * 1024;

/** A photo in the report's JSON body: its bytes in base64 (JPEG or PNG, decided by the bytes). */
export const publicPhotoSchema = z
  .object({
    fileName: z.string().max(200).optional(),
    data: z
      .string()
      .min(4)
      .max(base64Length(PUBLIC_PHOTO_MAX_BYTES), 'A photo may be at most 1.5 MiB.')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64-encoded bytes'),
  })
  .strict();
export type PublicPhoto = z.infer<typeof publicPhotoSchema>;

/** A public code as typed or scanned (its form is checked where it is resolved). */
export const publicCodeTextSchema = z.string().min(1).max(40);

export const PHONE_CODE_LENGTH = 6;
export const phoneCodeSchema = z.string().regex(/^\d{6}$/, 'six digits');

/**
 * The channels an entry link may record. A link without a valid signature records nothing and the
 * report stays `self_report` — the parameter is never trusted as typed.
 */
export const ENTRY_CHANNELS = ['wechat', 'forum'] as const;
export const entryChannelSchema = z.enum(ENTRY_CHANNELS);
export type EntryChannel = z.infer<typeof entryChannelSchema>;

/** The `entry` parameter as it arrives: anything short; an unsigned or forged one is ignored. */
export const entryParamSchema = z.string().max(100);

/** `<channel>.<signature>`: the form of a signed entry parameter. */
export function entryParam(channel: EntryChannel, signature: string): string {
  return `${channel}.${signature}`;
}

/** The claimed channel and signature of an entry parameter, or null when it has not that form. */
export function parseEntryParam(value: string): { channel: EntryChannel; signature: string } | null {
  const match = /^([a-z_]+)\.([A-Za-z0-9_-]{16,64})$/.exec(value);
  const channel = entryChannelSchema.safeParse(match?.[1]);
  return match?.[2] && channel.success ? { channel: channel.data, signature: match[2] } : null;
}

/** Exactly one of the two ways a report or a phone code names its place. */
export const onePlace = (value: { regionId?: string | undefined; code?: string | undefined }) =>
  (value.regionId === undefined) !== (value.code === undefined);
export const ONE_PLACE = { message: 'Give either regionId or code, not both.', path: ['regionId'] };

/** POST /api/v1/public/phone-codes: send a code to confirm the phone of a report to this place. */
export const phoneCodeRequestSchema = z
  .object({
    phone: mobilePhoneSchema,
    regionId: z.uuid().optional(),
    code: publicCodeTextSchema.optional(),
  })
  .strict()
  .refine(onePlace, ONE_PLACE);
export type PhoneCodeRequest = z.infer<typeof phoneCodeRequestSchema>;

export const phoneCodeSentSchema = z
  .object({ expiresInSeconds: z.number().int(), resendAfterSeconds: z.number().int() })
  .strict();
export type PhoneCodeSent = z.infer<typeof phoneCodeSentSchema>;

/** A district's settings of the public form (an administrator's; org:write). */
export const publicIntakeSettingsSchema = z.object({ phoneVerification: z.boolean() }).strict();
export type PublicIntakeSettings = z.infer<typeof publicIntakeSettingsSchema>;

/** An entry link for a menu or a poster of another channel: the path of the form it opens. */
export const entryLinkRequestSchema = z
  .object({
    channel: entryChannelSchema,
    path: z
      .string()
      .max(200)
      .regex(/^\/(q|report)\/[A-Za-z0-9-]{1,60}$/, 'a public form path: /q/<code> or /report/<regionId>'),
  })
  .strict();
export const entryLinkSchema = z.object({ entry: z.string(), path: z.string() }).strict();

/** Length of a case's address (characters). */
export const CASE_ADDRESS_MAX = 200;

/**
 * A case's address from an estate's code: the estate's name first (so staff see the 小区 even when
 * the resident typed only a building and a room), then what the resident typed, cut to fit.
 */
export function addressWithEstate(estate: string | null, typed: string | undefined): string | null {
  const text = [estate, typed].filter((part): part is string => Boolean(part?.trim())).join(' ');
  if (!text) return null;
  return [...text].slice(0, CASE_ADDRESS_MAX).join('').trim();
}

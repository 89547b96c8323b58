import { z } from 'zod';
import { textSchema } from '../validation/text.ts';

/**
 * Examples (优秀案例, issue 14 §6): a closed case or a visit written up as an example, approved and
 * published by a leader to the public examples page and the campaign report. The public view carries
 * no personal data: no resident, no staff name (the handling unit only), no address finer than the
 * community, and only the photos chosen for it.
 */
export const EXAMPLE_STATES = ['proposed', 'published', 'withdrawn'] as const;
export type ExampleState = (typeof EXAMPLE_STATES)[number];

export const exampleSubjectSchema = z.discriminatedUnion('kind', [
  /** A case by id or by its number (what staff know it by). */
  z.object({ kind: z.literal('case'), id: textSchema(40) }).strict(),
  z.object({ kind: z.literal('visit'), id: z.uuid() }).strict(),
]);
export type ExampleSubject = z.infer<typeof exampleSubjectSchema>;

export const EXAMPLE_TITLE_MAX = 100;
export const EXAMPLE_STORY_MAX = 4000;
export const EXAMPLE_PHOTOS_MAX = 6;

export const proposeExampleSchema = z
  .object({
    subject: exampleSubjectSchema,
    title: textSchema(EXAMPLE_TITLE_MAX).optional(),
    story: textSchema(EXAMPLE_STORY_MAX, 0).optional(),
  })
  .strict();
export type ProposeExample = z.infer<typeof proposeExampleSchema>;

export const writeExampleSchema = z
  .object({
    title: textSchema(EXAMPLE_TITLE_MAX),
    story: textSchema(EXAMPLE_STORY_MAX),
    /** Ids of the subject's own photos (case attachments or visit photos), in the order shown. */
    photoIds: z.array(z.uuid()).max(EXAMPLE_PHOTOS_MAX),
  })
  .strict();
export type WriteExample = z.infer<typeof writeExampleSchema>;

export const withdrawExampleSchema = z.object({ reason: textSchema(500) }).strict();

export const exampleListQuerySchema = z
  .object({ regionId: z.uuid(), state: z.enum(EXAMPLE_STATES).optional() })
  .strict();

/** A photo the write-up may choose: one of the subject's JPEG or PNG files. */
export const examplePhotoChoiceSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  chosen: z.boolean(),
});

export const exampleSchema = z.object({
  id: z.uuid(),
  subject: z.object({
    kind: z.enum(['case', 'visit']),
    id: z.uuid(),
    /** The case number, or null for a visit. */
    number: z.string().nullable(),
    day: z.string(),
  }),
  regionName: z.string(),
  title: z.string(),
  story: z.string(),
  state: z.enum(EXAMPLE_STATES),
  unitName: z.string().nullable(),
  proposedAt: z.string(),
  publishedAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  photos: z.array(examplePhotoChoiceSchema),
});
export type Example = z.infer<typeof exampleSchema>;

export const exampleListSchema = z.object({ items: z.array(exampleSchema.omit({ photos: true })) });

/** What the public page shows of a published example: nothing that names a person. */
export const publicExampleSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  story: z.string(),
  /** The community (or street) the example happened in. */
  place: z.string(),
  /** Who handled it, by unit only. */
  unit: z.string().nullable(),
  publishedAt: z.string(),
  photoIds: z.array(z.uuid()),
});
export type PublicExample = z.infer<typeof publicExampleSchema>;

export const publicExampleListSchema = z.object({
  place: z.string(),
  items: z.array(publicExampleSchema),
});
export type PublicExampleList = z.infer<typeof publicExampleListSchema>;

/** A published write-up in a campaign's report (its place and period). */
export const campaignWriteUpSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  subjectKind: z.enum(['case', 'visit']),
  regionName: z.string(),
  publishedAt: z.string(),
});
export type CampaignWriteUp = z.infer<typeof campaignWriteUpSchema>;

export type PersonalDataReason = 'phone' | 'id_number' | 'house_number' | 'known_person_or_place';

const PHONE = /(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)/;
const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?!\d)/;
/** A building, unit, room or house number (幢/栋/号楼/单元/室/号): an exact address. */
const HOUSE_NUMBER = /\d+\s*(?:号楼|幢|栋|单元|室|号院|号)|(?:room|flat|building|unit|no\.?)\s*\d+/i;

/**
 * Why a text that goes public still names someone or somewhere exactly, or [] when it does not:
 * phone numbers, ID numbers, house numbers, and the known names and addresses of the subject
 * (the resident's name, the case's or household's address) found anywhere in it.
 */
export function personalDataIn(
  text: string,
  known: readonly (string | null | undefined)[],
): PersonalDataReason[] {
  const reasons: PersonalDataReason[] = [];
  if (PHONE.test(text)) reasons.push('phone');
  if (ID_NUMBER.test(text)) reasons.push('id_number');
  if (HOUSE_NUMBER.test(text)) reasons.push('house_number');
  const words = known.map((k) => k?.trim() ?? '').filter((k) => k.length >= 2);
  if (words.some((w) => text.includes(w))) reasons.push('known_person_or_place');
  return reasons;
}

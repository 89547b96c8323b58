import { z } from 'zod';
import { positionSchema } from '../map/position.ts';
import { cstDay } from '../time/china-time.ts';
import { calendarDaySchema } from '../validation/dates.ts';
import { idCardBirthDate, idCardGender, idCardNumberSchema } from '../validation/id-card.ts';
import { mobilePhoneSchema } from '../validation/phone.ts';
import { textSchema } from '../validation/text.ts';
import { pageNumberSchema } from './paging.ts';
import { tagCodeSchema, tagLevelSchema } from './tags.ts';

/**
 * Relationships to the head of household as the household register (户口簿) writes them; the
 * stored value is the Chinese term (what the seeder and imports store), `key` names its
 * translation. New and edited members take one of these; an imported value outside the list is
 * kept until someone changes it.
 */
export const RELATIONSHIPS = [
  { value: '户主', key: 'head' },
  { value: '配偶', key: 'spouse' },
  { value: '子', key: 'son' },
  { value: '女', key: 'daughter' },
  { value: '儿媳', key: 'daughterInLaw' },
  { value: '女婿', key: 'sonInLaw' },
  { value: '孙子', key: 'grandson' },
  { value: '孙女', key: 'granddaughter' },
  { value: '外孙子', key: 'daughtersSon' },
  { value: '外孙女', key: 'daughtersDaughter' },
  { value: '父亲', key: 'father' },
  { value: '母亲', key: 'mother' },
  { value: '公公', key: 'fatherInLawOfWife' },
  { value: '婆婆', key: 'motherInLawOfWife' },
  { value: '岳父', key: 'fatherInLawOfHusband' },
  { value: '岳母', key: 'motherInLawOfHusband' },
  { value: '祖父', key: 'grandfather' },
  { value: '祖母', key: 'grandmother' },
  { value: '兄弟', key: 'brother' },
  { value: '姐妹', key: 'sister' },
  { value: '其他亲属', key: 'otherRelative' },
  { value: '非亲属', key: 'nonRelative' },
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number]['value'];
export const RELATIONSHIP_VALUES = RELATIONSHIPS.map((r) => r.value) as [Relationship, ...Relationship[]];

export const genderSchema = z.enum(['M', 'F']);

/** Personal fields are masked by the server unless explicitly unmasked (docs/specs/trust.md §14). */
export const memberSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  gender: genderSchema,
  birthDate: z.string(),
  relationship: z.string(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
});
export type Member = z.infer<typeof memberSchema>;

export const householdActionSchema = z.enum([
  'edit',
  'remove',
  'add-member',
  'edit-member',
  'unmask',
  'record-key-info',
  'edit-plan',
]);
export type HouseholdAction = z.infer<typeof householdActionSchema>;

export const householdSummarySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  address: z.string(),
  gridId: z.uuid(),
  gridName: z.string(),
  tags: z.array(z.string()),
  /** Some tag marks a key household (五个要, 一户一策). */
  isKey: z.boolean(),
  memberCount: z.number().int(),
});
export type HouseholdSummary = z.infer<typeof householdSummarySchema>;

export const householdListQuerySchema = z
  .object({
    regionId: z.uuid().optional(),
    q: textSchema(100, 0).optional(),
    /** Only households carrying this tag. */
    tag: tagCodeSchema.optional(),
    after: z.string().max(200).optional(),
    /** A numbered page instead of a cursor (shared/domain/paging.ts). */
    page: pageNumberSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const householdListActionSchema = z.enum(['create']);

/** A row of the list: the summary and when the household was last visited (民情双访; null: never). */
export const householdListItemSchema = householdSummarySchema.extend({ lastVisitAt: z.string().nullable() });
export type HouseholdListItem = z.infer<typeof householdListItemSchema>;

export const householdListSchema = z.object({
  items: z.array(householdListItemSchema),
  /** Opaque cursor for the next page; null on the last page. */
  next: z.string().nullable(),
  /** Counted up to LIST_TOTAL_CAP (shared/domain/paging.ts). */
  total: z.number().int(),
  /** The total reached the cap: there are at least this many. */
  totalCapped: z.boolean(),
  /** What the signed-in user may do with the list (create: somewhere in their scope). */
  actions: z.array(householdListActionSchema),
});

export const householdDetailSchema = householdSummarySchema.extend({
  estate: z.string().nullable(),
  building: z.string().nullable(),
  unit: z.string().nullable(),
  room: z.string().nullable(),
  /** Levels of the tags that take one, e.g. { 残疾: "2" }. */
  tagLevels: z.record(z.string(), z.string()),
  /** Where it is (WGS84), when recorded: the map and a first check-in use it. */
  position: positionSchema.nullable(),
  /** When the household moved out; removed households are no longer shown, so null here. */
  removedAt: z.string().nullable(),
  regionPath: z.array(z.object({ id: z.uuid(), name: z.string(), level: z.string() })),
  members: z.array(memberSchema),
  /** What the signed-in user may do here; the UI shows only these. */
  actions: z.array(householdActionSchema),
});
export type HouseholdDetail = z.infer<typeof householdDetailSchema>;

export const unmaskRequestSchema = z
  .object({
    field: z.enum(['id_number', 'phone']),
    reason: textSchema(200, 2),
  })
  .strict();

export const unmaskResponseSchema = z.object({ field: z.enum(['id_number', 'phone']), value: z.string() });

// ---------------------------------------------------------------------------------------------
// Writes

/** Optional text: blank means "none" (stored as null, never as ''). */
const optionalText = (max: number) =>
  textSchema(max, 0)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

export const householdCodeSchema = textSchema(40).regex(/^\S+$/, 'A household code has no spaces.');

const householdFields = {
  gridId: z.uuid(),
  address: textSchema(200),
  estate: optionalText(100),
  building: optionalText(20),
  unit: optionalText(20),
  room: optionalText(20),
  tags: z.array(tagCodeSchema).max(20),
  /** A level for each levelled tag (残疾: 1–4). */
  tagLevels: z.record(tagCodeSchema, tagLevelSchema),
  /** Where it is (WGS84); null clears it. */
  position: positionSchema.nullable(),
};

export const householdCreateSchema = z
  .object({
    /** Generated from the grid's code when absent. */
    code: householdCodeSchema.optional(),
    ...householdFields,
    tags: householdFields.tags.default([]),
    tagLevels: householdFields.tagLevels.default({}),
    position: householdFields.position.optional(),
  })
  .strict();
export type HouseholdCreate = z.input<typeof householdCreateSchema>;

export const householdPatchSchema = z
  .object(householdFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change.' });
export type HouseholdPatch = z.input<typeof householdPatchSchema>;

export const householdRemoveSchema = z.object({ reason: textSchema(200, 2) }).strict();

export const householdRemovedSchema = z.object({ id: z.uuid(), removedAt: z.string() });

export const memberNameSchema = textSchema(50);

export const memberCreateSchema = z
  .object({
    name: memberNameSchema,
    gender: genderSchema,
    birthDate: calendarDaySchema,
    relationship: z.enum(RELATIONSHIP_VALUES),
    idNumber: idCardNumberSchema.nullable().optional(),
    phone: mobilePhoneSchema.nullable().optional(),
  })
  .strict();
export type MemberCreate = z.input<typeof memberCreateSchema>;

/** The same fields, each optional; null clears an ID number or phone. */
export const memberPatchSchema = z
  .object({
    name: memberNameSchema,
    gender: genderSchema,
    birthDate: calendarDaySchema,
    // An imported relationship outside the list may stay as it is (checked by the use case).
    relationship: textSchema(16),
    idNumber: idCardNumberSchema.nullable(),
    phone: mobilePhoneSchema.nullable(),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change.' });
export type MemberPatch = z.input<typeof memberPatchSchema>;

export type MemberField = 'name' | 'gender' | 'birthDate' | 'relationship' | 'idNumber' | 'phone';

export interface MemberProblem {
  field: MemberField;
  /** Stable reason code; the UI translates it (records.memberProblems.<reason>). */
  reason: 'birthDateFuture' | 'birthDateTooEarly' | 'birthDateMismatch' | 'genderMismatch';
  message: string;
}

const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * What is wrong with a member as a whole, beyond each field's own format: a birth date in the
 * future or before 1900, and a birth date or gender that disagrees with the ID number (GB 11643
 * writes both into the number). `idNumber` must already be a valid number when given. Pure, so
 * the form and the server say the same.
 */
export function memberProblems(
  member: { gender: 'M' | 'F'; birthDate: string; idNumber: string | null },
  today: Date = new Date(),
): MemberProblem[] {
  const problems: MemberProblem[] = [];
  const todayIso = cstDay(today);
  if (member.birthDate > todayIso)
    problems.push({
      field: 'birthDate',
      reason: 'birthDateFuture',
      message: 'The birth date is in the future.',
    });
  else if (member.birthDate < EARLIEST_BIRTH_DATE)
    problems.push({
      field: 'birthDate',
      reason: 'birthDateTooEarly',
      message: 'The birth date is before 1900.',
    });
  if (member.idNumber) {
    const fromId = idCardBirthDate(member.idNumber);
    if (fromId !== member.birthDate)
      problems.push({
        field: 'birthDate',
        reason: 'birthDateMismatch',
        message: `The birth date does not match the ID number (${fromId}).`,
      });
    if (idCardGender(member.idNumber) !== member.gender)
      problems.push({
        field: 'gender',
        reason: 'genderMismatch',
        message: 'The gender does not match the ID number.',
      });
  }
  return problems;
}

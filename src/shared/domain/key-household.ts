import { z } from 'zod';
import { calendarDaySchema } from '../validation/dates.ts';
import { textSchema } from '../validation/text.ts';

/**
 * Key households (docs/specs/domain.md "Visits"): the "五个要" record — know the basic situation, the living
 * conditions, the state of mind, keep contact, and put help in place — and the 一户一策 plan with
 * its measures, an owner and follow-up dates.
 */
const recordText = textSchema(2000);

export const KEY_RECORD_FIELDS = [
  'basicSituation',
  'livingConditions',
  'stateOfMind',
  'contact',
  'helpInPlace',
] as const;
export type KeyRecordField = (typeof KEY_RECORD_FIELDS)[number];

export const keyRecordInputSchema = z
  .object({
    basicSituation: recordText,
    livingConditions: recordText,
    stateOfMind: recordText,
    contact: recordText,
    helpInPlace: recordText,
  })
  .strict();
export type KeyRecordInput = z.infer<typeof keyRecordInputSchema>;

const person = z.object({ id: z.uuid(), displayName: z.string() });

export const keyRecordSchema = z.object({
  id: z.uuid(),
  basicSituation: z.string(),
  livingConditions: z.string(),
  stateOfMind: z.string(),
  contact: z.string(),
  helpInPlace: z.string(),
  recordedAt: z.string(),
  recordedBy: person,
});
export type KeyRecord = z.infer<typeof keyRecordSchema>;

export const followUpSchema = z.object({
  id: z.uuid(),
  dueDate: z.string(),
  doneAt: z.string().nullable(),
  doneBy: person.nullable(),
  note: z.string().nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const PLAN_STATUSES = ['active', 'closed'] as const;
export const planStatusSchema = z.enum(PLAN_STATUSES);

export const planSchema = z.object({
  id: z.uuid(),
  measures: z.string(),
  owner: person,
  status: planStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  followUps: z.array(followUpSchema),
});
export type Plan = z.infer<typeof planSchema>;

/** How many past "五个要" records the key-info answer carries (newest first). */
export const KEY_RECORD_HISTORY = 20;

export const keyInfoSchema = z.object({
  householdId: z.uuid(),
  isKey: z.boolean(),
  /** The newest record, also first in `history`. */
  latest: keyRecordSchema.nullable(),
  history: z.array(keyRecordSchema),
  /** How many records exist in all (history holds at most KEY_RECORD_HISTORY). */
  recordCount: z.number().int(),
  plans: z.array(planSchema),
});
export type KeyInfo = z.infer<typeof keyInfoSchema>;

const followUpDates = z
  .array(calendarDaySchema)
  .max(24)
  .refine((dates) => new Set(dates).size === dates.length, { message: 'A date is listed twice.' });

export const planCreateSchema = z
  .object({
    measures: textSchema(4000),
    ownerUserId: z.uuid(),
    followUpDates: followUpDates.min(1),
  })
  .strict();
export type PlanCreate = z.infer<typeof planCreateSchema>;

export const planPatchSchema = z
  .object({
    measures: textSchema(4000),
    ownerUserId: z.uuid(),
    status: planStatusSchema,
    addFollowUpDates: followUpDates.min(1),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change.' });
export type PlanPatch = z.infer<typeof planPatchSchema>;

export const followUpDoneSchema = z.object({ note: textSchema(1000) }).strict();

export const planOwnerListSchema = z.object({ items: z.array(person) });
export type PlanOwner = z.infer<typeof person>;

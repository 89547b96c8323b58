import { z } from 'zod';
import { calendarDaySchema } from '../validation/dates.ts';
import { visitFormSchema, visitTargetTypeSchema } from './visit.ts';

/**
 * Mentoring (结对帮带): an experienced secretary paired one-to-one with a young cadre. A joint
 * visit (both among its visitors) counts for both; the mentor reads the mentee's diary and
 * comments on it.
 */
export const createMentorPairSchema = z
  .object({ mentorId: z.uuid(), menteeId: z.uuid(), startedOn: calendarDaySchema })
  .strict();
export type CreateMentorPair = z.infer<typeof createMentorPairSchema>;

export const endMentorPairSchema = z.object({ endedOn: calendarDaySchema }).strict();

export const mentorPairListQuerySchema = z
  .object({
    regionId: z.uuid().optional(),
    /** Only pairs not yet ended. */
    open: z.enum(['true', 'false']).optional(),
  })
  .strict();

const person = z.object({ id: z.uuid(), displayName: z.string() });

export const mentorPairSchema = z.object({
  id: z.uuid(),
  mentor: person,
  mentee: person.extend({ scopeName: z.string() }),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  /** Visits since the pair started where both went. */
  jointVisits: z.number().int(),
  actions: z.array(z.enum(['end'])),
});
export type MentorPair = z.infer<typeof mentorPairSchema>;

export const mentorPairListSchema = z.object({
  items: z.array(mentorPairSchema),
  actions: z.array(z.enum(['create'])),
});

export const createdMentorPairSchema = z.object({ id: z.uuid() });

/** Accounts a planner may pair: active, and standing in the planner's scope. */
export const mentorCandidateQuerySchema = z.object({ regionId: z.uuid().optional() }).strict();
export const mentorCandidateListSchema = z.object({
  items: z.array(person.extend({ scopeName: z.string(), roles: z.array(z.string()) })),
});

/** A visit of the mentee's diary, as the mentor reviews it. */
export const menteeVisitSchema = z.object({
  id: z.uuid(),
  form: visitFormSchema,
  targetType: visitTargetTypeSchema,
  targetLabel: z.string(),
  startedAt: z.string(),
  /** The mentor went too. */
  joint: z.boolean(),
  comments: z.number().int(),
});

export const myMenteesSchema = z.object({
  items: z.array(
    z.object({
      pairId: z.uuid(),
      mentee: person.extend({ scopeName: z.string() }),
      startedOn: z.string(),
      visitsLast30Days: z.number().int(),
      recentVisits: z.array(menteeVisitSchema),
    }),
  ),
});
export type MyMentees = z.infer<typeof myMenteesSchema>;

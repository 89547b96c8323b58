import { z } from 'zod';
import { PROPOSAL_KINDS } from '../figures/recurring-problems.ts';
import { addDays } from '../time/china-time.ts';
import { calendarDaySchema } from '../validation/dates.ts';
import { textSchema } from '../validation/text.ts';

/**
 * The hard-problem list (攻坚破难清单, issue 14 §7): the API's shapes, shared by server and web.
 * An item is open → in progress (its first progress note) → done (solved, with a result) or
 * closed (taken off the list unsolved, with a reason); done and closed are final.
 */
export const HARD_PROBLEM_STATES = ['open', 'in_progress', 'done', 'closed'] as const;
export type HardProblemState = (typeof HARD_PROBLEM_STATES)[number];
export const HARD_PROBLEM_KINDS = ['item', 'monthly_topic'] as const;
export const HARD_PROBLEM_OWNER_KINDS = ['department', 'region'] as const;

export const isFinished = (state: string) => state === 'done' || state === 'closed';

/**
 * The Beijing day a milestone counts as missed (the day after its target), or null: it was done
 * by its target, or the item was finished (done or closed) by then and had nothing left to miss.
 * The item's view and the scores' `milestone_missed` point both ask this.
 */
export function milestoneMissedOn(
  m: { targetDate: string; doneOn: string | null },
  finishedOn: string | null,
): string | null {
  if (m.doneOn !== null && m.doneOn <= m.targetDate) return null;
  if (finishedOn !== null && finishedOn <= m.targetDate) return null;
  return addDays(m.targetDate, 1);
}

const milestoneInputSchema = z
  .object({
    /** Kept when editing an existing milestone (its done mark stays with it). */
    id: z.uuid().optional(),
    name: textSchema(200),
    targetDate: calendarDaySchema,
    doneOn: calendarDaySchema.nullable().optional(),
  })
  .strict();

const ownerSchema = z
  .object({ kind: z.enum(HARD_PROBLEM_OWNER_KINDS), id: z.uuid(), person: textSchema(100) })
  .strict();

export const hardProblemInputSchema = z
  .object({
    /** The district, street or community whose list it goes on. */
    regionId: z.uuid(),
    title: textSchema(200),
    categoryId: z.uuid().nullable().optional(),
    /** The detector's proposal it came from, if any (its cases are linked too). */
    proposalKey: textSchema(120).optional(),
    caseIds: z.array(z.uuid()).max(100).optional(),
    owner: ownerSchema,
    plan: textSchema(4000),
    targetDate: calendarDaySchema,
    milestones: z.array(milestoneInputSchema).max(30).default([]),
  })
  .strict();
export type HardProblemInput = z.input<typeof hardProblemInputSchema>;

export const hardProblemUpdateSchema = z
  .object({
    version: z.number().int().min(1),
    title: textSchema(200).optional(),
    owner: ownerSchema.optional(),
    plan: textSchema(4000).optional(),
    targetDate: calendarDaySchema.optional(),
    milestones: z.array(milestoneInputSchema).max(30).optional(),
  })
  .strict();
export type HardProblemUpdate = z.infer<typeof hardProblemUpdateSchema>;

export const hardProblemNoteInputSchema = z
  .object({ text: textSchema(2000), day: calendarDaySchema.optional() })
  .strict();

export const hardProblemCompleteSchema = z
  .object({
    version: z.number().int().min(1),
    outcome: z.enum(['done', 'closed']),
    /** What was achieved (done) or why it leaves the list (closed); a topic's published result. */
    result: textSchema(4000),
  })
  .strict();

export const hardProblemLinkSchema = z.object({ caseIds: z.array(z.uuid()).min(1).max(100) }).strict();

export const monthlyTopicInputSchema = z
  .object({
    regionId: z.uuid(),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    categoryId: z.uuid(),
    title: textSchema(200),
    owner: ownerSchema,
    plan: textSchema(4000),
    targetDate: calendarDaySchema,
    milestones: z.array(milestoneInputSchema).max(30).default([]),
  })
  .strict();
export type MonthlyTopicInput = z.input<typeof monthlyTopicInputSchema>;

export const hardProblemMilestoneSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  targetDate: z.string(),
  doneOn: z.string().nullable(),
  /** Not done by its target date, and that day is past. */
  missed: z.boolean(),
});

export const hardProblemCaseSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  state: z.string(),
  createdAt: z.string(),
  linkedAt: z.string(),
});

export const hardProblemNoteSchema = z.object({
  id: z.uuid(),
  day: z.string(),
  text: z.string(),
  fromState: z.string(),
  toState: z.string(),
  byName: z.string(),
  at: z.string(),
});

export const hardProblemSummarySchema = z.object({
  id: z.uuid(),
  kind: z.enum(HARD_PROBLEM_KINDS),
  topicMonth: z.string().nullable(),
  regionId: z.uuid(),
  regionName: z.string(),
  title: z.string(),
  categoryId: z.uuid().nullable(),
  owner: z.object({
    kind: z.enum(HARD_PROBLEM_OWNER_KINDS),
    id: z.uuid(),
    name: z.string(),
    person: z.string(),
  }),
  targetDate: z.string(),
  state: z.enum(HARD_PROBLEM_STATES),
  cases: z.number().int(),
  milestones: z.number().int(),
  milestonesDone: z.number().int(),
  milestonesMissed: z.number().int(),
  createdAt: z.string(),
});
export type HardProblemSummary = z.infer<typeof hardProblemSummarySchema>;

export const hardProblemSchema = hardProblemSummarySchema.extend({
  plan: z.string(),
  result: z.string().nullable(),
  finishedAt: z.string().nullable(),
  proposalKey: z.string().nullable(),
  version: z.number().int(),
  createdByName: z.string(),
  milestoneList: z.array(hardProblemMilestoneSchema),
  caseList: z.array(hardProblemCaseSchema),
  notes: z.array(hardProblemNoteSchema),
  /** What the caller may do: edit (plan, milestones, cases, complete) and report progress. */
  actions: z.object({ edit: z.boolean(), report: z.boolean() }),
});
export type HardProblem = z.infer<typeof hardProblemSchema>;

export const hardProblemListQuerySchema = z
  .object({
    regionId: z.uuid().optional(),
    state: z.enum(HARD_PROBLEM_STATES).optional(),
    kind: z.enum(HARD_PROBLEM_KINDS).optional(),
  })
  .strict();

export const proposalSchema = z.object({
  key: z.string(),
  kind: z.enum(PROPOSAL_KINDS),
  categoryId: z.uuid().nullable(),
  categoryName: z.string().nullable(),
  placePath: z.string(),
  placeName: z.string().nullable(),
  estate: z.string().nullable(),
  title: z.string(),
  score: z.number(),
  firstDay: z.string(),
  lastDay: z.string(),
  why: z.object({
    cases: z.number().int(),
    spanDays: z.number().int(),
    reopened: z.number().int(),
    open: z.number().int(),
    maxAgeDays: z.number().int(),
    similarity: z.number(),
  }),
  cases: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      title: z.string(),
      createdDay: z.string(),
      state: z.string(),
    }),
  ),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const proposalsQuerySchema = z
  .object({ regionId: z.uuid(), days: z.coerce.number().int().min(14).max(730).default(180) })
  .strict();

export const proposalsSchema = z.object({
  regionId: z.uuid(),
  from: z.string(),
  to: z.string(),
  casesRead: z.number().int(),
  proposals: z.array(proposalSchema),
});

export const topicRankingQuerySchema = z
  .object({ regionId: z.uuid(), months: z.coerce.number().int().min(1).max(12).default(3) })
  .strict();

export const topicRankingSchema = z.object({
  regionId: z.uuid(),
  from: z.string(),
  to: z.string(),
  ranking: z.array(
    z.object({
      categoryId: z.uuid(),
      categoryName: z.string(),
      clusters: z.number().int(),
      cases: z.number().int(),
      places: z.number().int(),
      rank: z.number().int(),
    }),
  ),
});
export type TopicRanking = z.infer<typeof topicRankingSchema>;

import { z } from 'zod';
import { textSchema } from '../validation/text.ts';
import {
  coverageParamsSchema,
  nightTargetParamsSchema,
  quotaParamsSchema,
  visitDaysParamsSchema,
  visitRuleKindSchema,
} from '../visits/rules.ts';

/**
 * Visit plans as the API speaks them: rules of the district or a street, 包联 assignments, one
 * visiting team per grid, and the district's visit settings (night window, far limit).
 */
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

// ---- rules ----
export const visitRuleListQuerySchema = z.object({ regionId: z.uuid().optional() }).strict();

const withRegion = { regionId: z.uuid() };
/** A new rule for the district node or a street: its kind and that kind's parameters. */
export const createVisitRuleSchema = z.discriminatedUnion('kind', [
  z.object({ ...withRegion, kind: z.literal('quota'), params: quotaParamsSchema }).strict(),
  z.object({ ...withRegion, kind: z.literal('coverage'), params: coverageParamsSchema }).strict(),
  z.object({ ...withRegion, kind: z.literal('visit_days'), params: visitDaysParamsSchema }).strict(),
  z.object({ ...withRegion, kind: z.literal('night_target'), params: nightTargetParamsSchema }).strict(),
]);
export type CreateVisitRule = z.infer<typeof createVisitRuleSchema>;

/** Switch a rule on or off, or replace its parameters (checked against the rule's kind). */
export const updateVisitRuleSchema = z
  .object({ active: z.boolean().optional(), params: z.record(z.string(), z.unknown()).optional() })
  .strict()
  .refine((b) => b.active !== undefined || b.params !== undefined, { message: 'Nothing to change.' });

export const VISIT_RULE_ACTIONS = ['update'] as const;
export const visitRuleSchema = z.object({
  id: z.uuid(),
  regionId: z.uuid(),
  regionName: z.string(),
  regionLevel: z.string(),
  kind: visitRuleKindSchema,
  params: z.record(z.string(), z.unknown()),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.enum(VISIT_RULE_ACTIONS)),
});
export type VisitRule = z.infer<typeof visitRuleSchema>;
export const visitRuleListSchema = z.object({
  items: z.array(visitRuleSchema),
  actions: z.array(z.enum(['create'])),
});

// ---- 包联 assignments ----
export const ASSIGNMENT_SUBJECTS = ['household', 'enterprise', 'region'] as const;
export const assignmentSubjectSchema = z.enum(ASSIGNMENT_SUBJECTS);
export const visitAssignmentListQuerySchema = z
  .object({ userId: z.uuid().optional(), regionId: z.uuid().optional() })
  .strict();
export const createVisitAssignmentSchema = z
  .object({ userId: z.uuid(), subjectType: assignmentSubjectSchema, subjectId: z.uuid() })
  .strict();
export const visitAssignmentSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  userName: z.string(),
  subjectType: assignmentSubjectSchema,
  subjectId: z.uuid(),
  /** The household's address, the enterprise's name or the region's name. */
  subjectName: z.string(),
  createdAt: z.string(),
  actions: z.array(z.enum(['delete'])),
});
export type VisitAssignment = z.infer<typeof visitAssignmentSchema>;
export const visitAssignmentListSchema = z.object({
  items: z.array(visitAssignmentSchema),
  actions: z.array(z.enum(['create'])),
});

// ---- teams (一网格一分队) ----
export const TEAM_ROLES = ['leader', 'cadre', 'worker', 'police', 'volunteer'] as const;
export const teamRoleSchema = z.enum(TEAM_ROLES);
export const visitTeamListQuerySchema = z.object({ regionId: z.uuid().optional() }).strict();
export const saveVisitTeamSchema = z
  .object({
    name: textSchema(50),
    members: z
      .array(z.object({ userId: z.uuid(), role: teamRoleSchema }).strict())
      .max(50)
      .refine((m) => new Set(m.map((x) => x.userId)).size === m.length, {
        message: 'A person is listed twice.',
      }),
  })
  .strict();
export const visitTeamSchema = z.object({
  id: z.uuid(),
  gridId: z.uuid(),
  gridName: z.string(),
  name: z.string(),
  members: z.array(z.object({ userId: z.uuid(), displayName: z.string(), role: teamRoleSchema })),
  /** No sent-down cadre yet: accepted, but every grid's team should have one. */
  needsCadre: z.boolean(),
  actions: z.array(z.enum(['update'])),
});
export type VisitTeam = z.infer<typeof visitTeamSchema>;
export const visitTeamListSchema = z.object({
  items: z.array(visitTeamSchema),
  /** Grids in the listed region that have no team at all. */
  gridsWithoutTeam: z.array(z.object({ id: z.uuid(), name: z.string() })),
});

// ---- settings ----
export const saveVisitSettingsSchema = z
  .object({
    /** Night window in CST, across midnight when nightFrom is later than nightTo. */
    nightFrom: timeOfDay,
    nightTo: timeOfDay,
    farMetres: z.number().int().min(10).max(100_000),
  })
  .strict();
export type VisitSettingsInput = z.infer<typeof saveVisitSettingsSchema>;
export const visitSettingsSchema = saveVisitSettingsSchema.extend({
  /** 'district' when the district saved its own, 'default' for the server's configuration. */
  source: z.enum(['district', 'default']),
  actions: z.array(z.enum(['update'])),
});

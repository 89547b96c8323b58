import { z } from 'zod';
import { streetPathOf } from '../auth/reach.ts';
import { LEAGUE_SUBJECTS, type LeagueSubjects } from '../figures/league.ts';
import { SENT_DOWN_ROLES } from '../figures/visit-figures.ts';
import { calendarDaySchema } from '../validation/dates.ts';
import { textSchema } from '../validation/text.ts';
import { DEPARTMENT_LEVELS } from './department.ts';

/**
 * Scoring rules as data (issue 14 §1): what a district or a street awards and deducts for the
 * work of its communities, handling units and sent-down cadres. Rules are versions: a new version
 * takes effect from the first day of an assessment month and never changes a period scored
 * before; a street's own rules replace the district's for the street. Points are kept in
 * hundredths so that a score is an exact sum.
 */

/** Items with one flat value; `solved`, `coverage_short` and `composite` have their own shapes. */
export const FLAT_SCORE_ITEMS = [
  'on_spot',
  'on_time',
  'overdue',
  'reminder',
  'supervised',
  'unsatisfied',
  'reopened',
  'spot_check_not_confirmed',
  'example',
] as const;

/**
 * Flat items added after the first rules were stored (issue 14 §2, §4, §7): a stored version
 * without one scores it 0, so every version keeps parsing and keeps its meaning.
 */
export const LATER_SCORE_ITEMS = [
  'finding_overdue',
  'evaluation',
  'hard_problem_done',
  'milestone_missed',
] as const;

/** Every item with one flat value, as the rules form lists them. */
export const ALL_FLAT_SCORE_ITEMS = [...FLAT_SCORE_ITEMS, ...LATER_SCORE_ITEMS] as const;
export type FlatScoreItem = (typeof ALL_FLAT_SCORE_ITEMS)[number];

export const SCORE_ITEMS = ['solved', ...ALL_FLAT_SCORE_ITEMS, 'coverage_short', 'composite'] as const;
export type ScoreItem = (typeof SCORE_ITEMS)[number];

const pointsSchema = z.number().min(-100).max(100).multipleOf(0.01);
const weightSchema = z.number().min(0).max(1).multipleOf(0.01);

const appliesToSchema = z
  .array(z.enum(LEAGUE_SUBJECTS))
  .max(LEAGUE_SUBJECTS.length)
  .refine((subjects) => new Set(subjects).size === subjects.length, {
    message: 'Each kind of subject once.',
  });

const flatItemSchema = z.object({ points: pointsSchema, appliesTo: appliesToSchema }).strict();
const laterItemSchema = flatItemSchema.default({ points: 0, appliesTo: [] });

export const PEER_GROUP_KEY = /^[a-z0-9_-]{1,32}$/;

/**
 * Units of one kind and level are ranked only against each other (communities against
 * communities, street offices against street offices). A subject belongs to the first group it
 * matches; one matching none is ranked in a group of its own kind's leftovers.
 */
export const peerGroupSchema = z
  .object({
    key: z.string().regex(PEER_GROUP_KEY),
    name: textSchema(40),
    subjects: z.enum(LEAGUE_SUBJECTS),
    match: z
      .object({
        /** Places: the community's kind as the hierarchy names it (社区, 村). */
        regionKinds: z.array(textSchema(16)).max(5).optional(),
        /** Units: departments of these levels. */
        departmentLevels: z.array(z.enum(DEPARTMENT_LEVELS)).max(2).optional(),
        /** Cadres: holders of these roles. */
        roles: z.array(z.enum(SENT_DOWN_ROLES)).max(2).optional(),
        /** Named subjects (league keys), matched before any other criterion. */
        members: z.array(z.string().min(1).max(80)).max(300).optional(),
      })
      .strict(),
  })
  .strict();
export type PeerGroup = z.infer<typeof peerGroupSchema>;

export const scoreRulesSchema = z
  .object({
    /** A solved problem, weighted by its difficulty: 轻, 重, 急, and an item of the hard-problem list. */
    solved: z
      .object({
        ordinary: pointsSchema,
        important: pointsSchema,
        urgent: pointsSchema,
        hardProblem: pointsSchema,
        appliesTo: appliesToSchema,
      })
      .strict(),
    items: z.object({
      ...(Object.fromEntries(FLAT_SCORE_ITEMS.map((item) => [item, flatItemSchema])) as Record<
        (typeof FLAT_SCORE_ITEMS)[number],
        typeof flatItemSchema
      >),
      ...(Object.fromEntries(LATER_SCORE_ITEMS.map((item) => [item, laterItemSchema])) as Record<
        (typeof LATER_SCORE_ITEMS)[number],
        typeof laterItemSchema
      >),
    }),
    /** Household coverage below the target: points per percentage point short (≤ 0). */
    coverage: z
      .object({
        perPointShort: pointsSchema.max(0),
        /** Null: the household coverage target of the community's visit rules for the period's kind (none: no deduction). */
        targetPercent: z.number().int().min(1).max(100).nullable(),
      })
      .strict(),
    /** The three rates weighted into one figure, times `scale` (weights sum to 1). */
    composite: z
      .object({
        response: weightSchema,
        solution: weightSchema,
        satisfaction: weightSchema,
        scale: z.number().min(0).max(1000).multipleOf(0.01),
        appliesTo: appliesToSchema,
      })
      .strict()
      .refine((c) => Math.round((c.response + c.solution + c.satisfaction) * 100) === 100, {
        message: 'The three weights add up to 1.',
        path: ['response'],
      }),
    peerGroups: z
      .array(peerGroupSchema)
      .max(20)
      .refine((groups) => new Set(groups.map((g) => g.key)).size === groups.length, {
        message: 'Each peer group key once.',
      }),
    /** 红榜 and 黑榜 per peer group: the top and bottom places, optionally only past a score. */
    lists: z
      .object({
        red: z.object({ top: z.number().int().min(0).max(50), minScore: pointsSchema.nullable() }).strict(),
        black: z
          .object({ bottom: z.number().int().min(0).max(50), maxScore: pointsSchema.nullable() })
          .strict(),
      })
      .strict(),
  })
  .strict();
export type ScoreRules = z.infer<typeof scoreRulesSchema>;

const ALL: LeagueSubjects[] = ['places', 'units', 'cadres'];
const flat = (points: number, appliesTo: LeagueSubjects[]) => ({ points, appliesTo });

/** The rules of a district that has written none: the points the practice's accounts use. */
export const DEFAULT_SCORE_RULES: ScoreRules = {
  solved: { ordinary: 1, important: 2, urgent: 3, hardProblem: 5, appliesTo: ALL },
  items: {
    on_spot: flat(1, ['places', 'cadres']),
    on_time: flat(1, ['places', 'units']),
    overdue: flat(-1, ['places', 'units']),
    reminder: flat(-1, ['places', 'units']),
    supervised: flat(-3, ['places', 'units']),
    unsatisfied: flat(-3, ALL),
    reopened: flat(-2, ['places', 'units']),
    spot_check_not_confirmed: flat(-5, ['places', 'cadres']),
    example: flat(5, ALL),
    // An answer to a supervision finding past its date (§2).
    finding_overdue: flat(-1, ['places', 'units']),
    // Per point of a mean rating above (or below) 3 in a closed evaluation round (§4).
    evaluation: flat(1, ['places', 'cadres']),
    // A hard-problem-list item finished, and a milestone missed (§7).
    hard_problem_done: flat(5, ['places', 'units']),
    milestone_missed: flat(-1, ['places', 'units']),
  },
  coverage: { perPointShort: -1, targetPercent: null },
  // One Beijing district's tooling: 0.1 response + 0.5 solution + 0.4 satisfaction.
  composite: { response: 0.1, solution: 0.5, satisfaction: 0.4, scale: 100, appliesTo: ['places', 'units'] },
  peerGroups: [
    { key: 'community', name: '社区', subjects: 'places', match: { regionKinds: ['社区'] } },
    { key: 'village', name: '村', subjects: 'places', match: { regionKinds: ['村'] } },
    { key: 'district-dept', name: '区级部门', subjects: 'units', match: { departmentLevels: ['district'] } },
    { key: 'street-dept', name: '街道科室', subjects: 'units', match: { departmentLevels: ['street'] } },
    { key: 'cadres', name: '下沉干部', subjects: 'cadres', match: { roles: ['leader', 'cadre'] } },
  ],
  lists: { red: { top: 3, minScore: null }, black: { bottom: 3, maxScore: null } },
};

/** POST /api/v1/scores/rules: a new version for a district or street, from an assessment month's first day. */
export const scoreRuleVersionInputSchema = z
  .object({
    regionId: z.uuid(),
    effectiveFrom: calendarDaySchema,
    rules: scoreRulesSchema,
    note: textSchema(200).optional(),
  })
  .strict();
export type ScoreRuleVersionInput = z.infer<typeof scoreRuleVersionInputSchema>;

export const scoreRuleVersionSchema = z.object({
  id: z.string(),
  regionId: z.string(),
  /** The owner's place in the hierarchy (its codes from the district down). */
  regionPath: z.string(),
  regionName: z.string(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  rules: scoreRulesSchema,
  note: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type ScoreRuleVersion = z.infer<typeof scoreRuleVersionSchema>;

/**
 * GET /api/v1/scores/rules?regionId&at: the rules that score a place on a day, and the versions
 * of the district and street that govern it.
 */
export const scoreRulesViewSchema = z.object({
  place: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  /** The day asked about (default today, Beijing time). */
  at: z.string(),
  /** The version in force that day; null: the defaults (no version in effect yet). */
  inForce: scoreRuleVersionSchema.nullable(),
  rules: scoreRulesSchema,
  /** Every version of the street and the district above (or at) the place, newest first. */
  versions: z.array(scoreRuleVersionSchema),
  /** The caller may write a new version for this place (a district or street). */
  editable: z.boolean(),
});
export type ScoreRulesView = z.infer<typeof scoreRulesViewSchema>;

/** What `ruleVersionFor` needs of a stored version. */
export interface VersionRef {
  regionPath: string;
  version: number;
  effectiveFrom: string;
}

/**
 * The version that scores a period starting on `periodFrom` for a place whose rule-owning
 * ancestors' paths are `owners` (nearest first: the street, then the district): the nearest owner with
 * a version in effect by that day governs (a street's own rules replace the district's from the
 * day they take effect); within it, the latest version in effect, the highest number on the same
 * day. Undefined: the defaults.
 */
export function ruleVersionFor<V extends VersionRef>(
  versions: readonly V[],
  owners: readonly string[],
  periodFrom: string,
): V | undefined {
  for (const owner of owners) {
    const inEffect = versions
      .filter((v) => v.regionPath === owner && v.effectiveFrom <= periodFrom)
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.version - a.version);
    if (inEffect[0]) return inEffect[0];
  }
  return undefined;
}

/**
 * The places whose rules may govern the place at `path`, nearest first: its street (the place
 * itself when it is one) and the district, the root of every path.
 */
export function ruleOwnerPaths(path: string): string[] {
  const street = streetPathOf(path);
  const district = path.split('.')[0] as string;
  return street ? [street, district] : [district];
}

import { z } from 'zod';
import { reaches } from '../auth/reach.ts';
import { calendarDaySchema } from '../validation/dates.ts';
import { textSchema } from '../validation/text.ts';

/**
 * Mutual evaluation (两评, issue 14 §4). A leader opens a round for a place and a period: either
 * the communities rate the cadres and grid police sent down to them (包联: the grid teams and
 * cadre grants of the community), or the street's departments rate its communities. Each rater
 * unit — a community or a department, whichever of its people fills the form — rates each subject
 * once, 1–5 per criterion with a comment. While the round is open nobody reads another unit's
 * ratings; closing freezes each subject's means, which may feed the scores (item 'evaluation').
 */
export const EVALUATION_KINDS = ['community_rates_cadres', 'department_rates_communities'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

export const EVALUATION_ROUND_STATES = ['open', 'closed'] as const;
export type EvaluationRoundState = (typeof EVALUATION_ROUND_STATES)[number];

/** The roles of a community whose holders rate for it: its leaders and grid workers, not its cadres. */
export const COMMUNITY_RATER_ROLES: readonly string[] = ['leader', 'grid_worker'];

export const CRITERION_KEY = /^[a-z0-9_]{1,32}$/;
export const MIN_SCORE = 1;
export const MAX_SCORE = 5;
/** The middle of the scale: a mean above it earns points, below it costs them. */
export const NEUTRAL_SCORE = 3;

export const evaluationCriterionSchema = z
  .object({
    key: z.string().regex(CRITERION_KEY),
    name: textSchema(40),
    hint: textSchema(200).optional(),
  })
  .strict();
export type EvaluationCriterion = z.infer<typeof evaluationCriterionSchema>;

export const evaluationCriteriaSchema = z
  .array(evaluationCriterionSchema)
  .min(1)
  .max(12)
  .refine((c) => new Set(c.map((x) => x.key)).size === c.length, {
    message: 'A criterion key is listed twice.',
  });

/** The form a round gets when its opener names none: the accounts' own words for each kind. */
export const DEFAULT_EVALUATION_CRITERIA: Record<EvaluationKind, EvaluationCriterion[]> = {
  community_rates_cadres: [
    { key: 'time_given', name: '下沉时间', hint: '在社区工作、参加走访的时间' },
    { key: 'visits_made', name: '入户走访', hint: '走访户数与质量' },
    { key: 'problems_handled', name: '解决问题', hint: '收集、解决群众诉求的情况' },
  ],
  department_rates_communities: [
    { key: 'coordination', name: '组织协调', hint: '组织、配合、协调工作的情况' },
    { key: 'visiting_climate', name: '走访氛围', hint: '入户走访的组织与氛围' },
    { key: 'closed_loop', name: '闭环管理', hint: '诉求登记、办理、反馈的闭环' },
  ],
};

export const openEvaluationRoundSchema = z
  .object({
    /** A district or street node. */
    regionId: z.uuid(),
    kind: z.enum(EVALUATION_KINDS),
    title: textSchema(60),
    from: calendarDaySchema,
    to: calendarDaySchema,
    criteria: evaluationCriteriaSchema.optional(),
  })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'The period ends before it starts.', path: ['to'] });
export type OpenEvaluationRound = z.infer<typeof openEvaluationRoundSchema>;

export const evaluationRoundListQuerySchema = z.object({ regionId: z.uuid().optional() }).strict();

const unitKeySchema = z.string().regex(/^[dr]:[0-9a-f-]{36}$/);

export const rateEvaluationSchema = z
  .object({
    /** The community ('r:<id>') or department ('d:<id>') the caller rates for. */
    raterUnit: unitKeySchema,
    /** A cadre ('u:<id>') or a community (its region id). */
    subject: z.string().min(1).max(80),
    scores: z.record(z.string().regex(CRITERION_KEY), z.number().int().min(MIN_SCORE).max(MAX_SCORE)),
    comment: textSchema(500).optional(),
  })
  .strict();
export type RateEvaluation = z.infer<typeof rateEvaluationSchema>;

export const evaluationRatingSchema = z.object({
  raterUnit: z.string(),
  raterUnitName: z.string(),
  subject: z.string(),
  subjectName: z.string(),
  scores: z.record(z.string(), z.number()),
  comment: z.string().nullable(),
  ratedBy: z.string(),
  ratedAt: z.string(),
});
export type EvaluationRating = z.infer<typeof evaluationRatingSchema>;

export const evaluationResultSchema = z.object({
  subject: z.string(),
  subjectName: z.string(),
  ratings: z.number().int(),
  /** Mean per criterion key, to two decimals. */
  means: z.record(z.string(), z.number()),
  overallMean: z.number(),
});
export type EvaluationResult = z.infer<typeof evaluationResultSchema>;

export const evaluationRoundSummarySchema = z.object({
  id: z.string(),
  region: z.object({ id: z.string(), name: z.string() }),
  kind: z.enum(EVALUATION_KINDS),
  title: z.string(),
  from: z.string(),
  to: z.string(),
  state: z.enum(EVALUATION_ROUND_STATES),
  openedBy: z.string(),
  openedAt: z.string(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type EvaluationRoundSummary = z.infer<typeof evaluationRoundSummarySchema>;

/** The figures shown beside the form: from the kept figures of the round's period. */
export const evaluationFactsSchema = z.object({
  visits: z.number(),
  problems: z.number(),
  solvedOnSpot: z.number(),
  /** Cases received and closed (a community's); null for a cadre. */
  casesReceived: z.number().nullable(),
  casesClosed: z.number().nullable(),
});
export type EvaluationFacts = z.infer<typeof evaluationFactsSchema>;

export const evaluationRoundViewSchema = evaluationRoundSummarySchema.extend({
  criteria: z.array(evaluationCriterionSchema),
  /** The units the caller rates for, each with the subjects it may rate. */
  raterUnits: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      subjects: z.array(
        z.object({
          key: z.string(),
          name: z.string(),
          facts: evaluationFactsSchema,
          rated: z.boolean(),
        }),
      ),
    }),
  ),
  /** The caller's own units' ratings; every unit's to the round's managers once closed. */
  ratings: z.array(evaluationRatingSchema),
  /** How many ratings are in (no more than a count while open). */
  ratingCount: z.number().int(),
  /** Frozen at closing; empty while open. */
  results: z.array(evaluationResultSchema),
  actions: z.array(z.enum(['close'])),
});
export type EvaluationRoundView = z.infer<typeof evaluationRoundViewSchema>;

// ---- pure rules ----

export interface GrantLike {
  role: string;
  scopePath: string;
  scopeDepartmentId: string | null;
}
export interface PlaceLike {
  id: string;
  name: string;
  path: string;
}
export interface RaterUnit {
  key: string;
  name: string;
  /** The community's path, or the node the department belongs to. */
  path: string;
}

/**
 * The units a person rates for in a round of `kind`: the communities (below the round's place)
 * where they hold a leader's or grid worker's grant — at the community or a grid of it — or the
 * departments (belonging below the round's place) they are a member of.
 */
export function raterUnitsOf(
  kind: EvaluationKind,
  grants: readonly GrantLike[],
  communities: readonly PlaceLike[],
  departments: readonly PlaceLike[],
): RaterUnit[] {
  if (kind === 'community_rates_cadres')
    return communities
      .filter((c) =>
        grants.some(
          (g) =>
            g.scopeDepartmentId === null &&
            COMMUNITY_RATER_ROLES.includes(g.role) &&
            reaches(c.path, g.scopePath),
        ),
      )
      .map((c) => ({ key: `r:${c.id}`, name: c.name, path: c.path }));
  return departments
    .filter((d) => grants.some((g) => g.scopeDepartmentId === d.id))
    .map((d) => ({ key: `d:${d.id}`, name: d.name, path: d.path }));
}

export interface RatingLike {
  raterUnit: string;
}

/**
 * The ratings a viewer may read: while the round is open only their own units' — whoever they
 * are, a manager included — so no rater is swayed by another; once closed, a manager of the
 * round reads every unit's (with the comments), a rater still only their own.
 */
export function visibleRatings<R extends RatingLike>(
  state: EvaluationRoundState,
  ratings: readonly R[],
  viewer: { units: ReadonlySet<string>; manages: boolean },
): R[] {
  if (state === 'closed' && viewer.manages) return [...ratings];
  return ratings.filter((r) => viewer.units.has(r.raterUnit));
}

/** Whether the scores name exactly the form's criteria, each once. */
export function scoresMatchCriteria(
  criteria: readonly EvaluationCriterion[],
  scores: Readonly<Record<string, number>>,
): boolean {
  const keys = Object.keys(scores);
  return keys.length === criteria.length && criteria.every((c) => scores[c.key] !== undefined);
}

const twoDecimals = (x: number) => Math.round(x * 100) / 100;

/**
 * Each subject's result: the mean of each criterion over its ratings and the overall mean of all
 * its scores (every rating scores every criterion, so it is also the mean of the criteria's
 * means), to two decimals, with the number of ratings. Subjects in key order.
 */
export function roundResults(
  criteria: readonly EvaluationCriterion[],
  ratings: readonly { subject: string; subjectName: string; scores: Readonly<Record<string, number>> }[],
): EvaluationResult[] {
  const by = new Map<string, { name: string; rows: Readonly<Record<string, number>>[] }>();
  for (const r of ratings) {
    const into = by.get(r.subject) ?? { name: r.subjectName, rows: [] };
    into.rows.push(r.scores);
    by.set(r.subject, into);
  }
  return [...by.keys()].sort().map((subject) => {
    const { name, rows } = by.get(subject) as { name: string; rows: Record<string, number>[] };
    const means: Record<string, number> = {};
    let total = 0;
    let n = 0;
    for (const c of criteria) {
      const values = rows.map((s) => s[c.key]).filter((v): v is number => v !== undefined);
      total += values.reduce((a, b) => a + b, 0);
      n += values.length;
      if (values.length > 0) means[c.key] = twoDecimals(values.reduce((a, b) => a + b, 0) / values.length);
    }
    return {
      subject,
      subjectName: name,
      ratings: rows.length,
      means,
      overallMean: n === 0 ? NEUTRAL_SCORE : twoDecimals(total / n),
    };
  });
}

import { z } from 'zod';
import { PERIOD_KINDS } from './periods.ts';

/**
 * The parameters of each kind of visit rule, checked on every write (visit_rule.params). A rule
 * belongs to the district or to one street; a street's rule of a kind replaces the district's for
 * that street.
 */
export const periodKindSchema = z.enum(PERIOD_KINDS);
export const VISIT_RULE_KINDS = ['quota', 'coverage', 'visit_days', 'night_target'] as const;
export const visitRuleKindSchema = z.enum(VISIT_RULE_KINDS);
export type VisitRuleKind = z.infer<typeof visitRuleKindSchema>;

/** Whose quota: the role (roles.ts) of the grants it applies to. */
export const QUOTA_ROLES = ['grid_worker', 'cadre', 'liaison', 'leader'] as const;
export const quotaRoleSchema = z.enum(QUOTA_ROLES);
export const visitSubjectSchema = z.enum(['household', 'enterprise']);

const uniqueSorted = <T extends number>(values: T[]) => [...new Set(values)].sort((a, b) => a - b);

export const quotaParamsSchema = z
  .object({
    role: quotaRoleSchema,
    target: visitSubjectSchema,
    count: z.number().int().min(1).max(10_000),
    period: periodKindSchema,
  })
  .strict();

export const coverageParamsSchema = z
  .object({
    target: visitSubjectSchema,
    period: periodKindSchema,
    percent: z.number().int().min(1).max(100).default(100),
  })
  .strict();

export const visitDaysParamsSchema = z
  .object({
    weekdays: z.array(z.number().int().min(1).max(7)).max(7).transform(uniqueSorted).optional(),
    monthDays: z.array(z.number().int().min(1).max(31)).max(31).transform(uniqueSorted).optional(),
  })
  .strict()
  .refine((p) => (p.weekdays?.length ?? 0) + (p.monthDays?.length ?? 0) > 0, {
    message: 'Name at least one weekday or day of the month.',
    path: ['weekdays'],
  });

export const nightTargetParamsSchema = z
  .object({
    count: z.number().int().min(1).max(10_000),
    period: periodKindSchema,
    role: quotaRoleSchema.optional(),
  })
  .strict();

export const RULE_PARAMS = {
  quota: quotaParamsSchema,
  coverage: coverageParamsSchema,
  visit_days: visitDaysParamsSchema,
  night_target: nightTargetParamsSchema,
} as const;

export type QuotaParams = z.infer<typeof quotaParamsSchema>;
export type CoverageParams = z.infer<typeof coverageParamsSchema>;
export type VisitDaysParams = z.infer<typeof visitDaysParamsSchema>;
export type NightTargetParams = z.infer<typeof nightTargetParamsSchema>;

/** A rule as written: its kind and the parameters of that kind. */
export const visitRuleInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('quota'), params: quotaParamsSchema }).strict(),
  z.object({ kind: z.literal('coverage'), params: coverageParamsSchema }).strict(),
  z.object({ kind: z.literal('visit_days'), params: visitDaysParamsSchema }).strict(),
  z.object({ kind: z.literal('night_target'), params: nightTargetParamsSchema }).strict(),
]);
export type VisitRuleInput = z.infer<typeof visitRuleInputSchema>;

/** Checks stored or patched parameters against their kind; the issues name `params.<field>`. */
export function parseRuleParams(kind: VisitRuleKind, params: unknown) {
  return RULE_PARAMS[kind].safeParse(params);
}

/**
 * Which rules apply to a place: for each kind, the street's own rules when the street has any of
 * that kind, otherwise the district's. `rules` are the active rules of the district node and the
 * street; `streetPath` is the street's region path (null: the district's own rules only). Rules
 * of other streets never apply.
 */
export function effectiveRules<R extends { kind: VisitRuleKind; regionPath: string }>(
  rules: readonly R[],
  streetPath: string | null,
): R[] {
  const own = (r: R) => streetPath !== null && r.regionPath === streetPath;
  const district = (r: R) => !r.regionPath.includes('.');
  return rules.filter((r) => own(r) || (district(r) && !rules.some((s) => s.kind === r.kind && own(s))));
}

/**
 * The household coverage target (percent) the effective rules set for a period kind, the highest
 * when several do; null when none does. Scoring deducts per point short of it (score-rules.ts).
 */
export function householdCoverageTarget(
  rules: readonly { kind: string; regionPath: string; params: unknown }[],
  streetPath: string | null,
  periodKind: string,
): number | null {
  const targets = effectiveRules(
    rules.map((r) => ({ ...r, kind: r.kind as VisitRuleKind })),
    streetPath,
  ).flatMap((r) => {
    if (r.kind !== 'coverage') return [];
    const params = coverageParamsSchema.safeParse(r.params);
    return params.success && params.data.target === 'household' && params.data.period === periodKind
      ? [params.data.percent]
      : [];
  });
  return targets.length > 0 ? Math.max(...targets) : null;
}

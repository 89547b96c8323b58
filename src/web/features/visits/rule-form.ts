import { type CreateVisitRule, createVisitRuleSchema } from '../../../shared/domain/visit-plan.ts';
import type { VisitRuleKind } from '../../../shared/visits/rules.ts';

/** What the new-rule form holds: every field any kind may use; a kind reads only its own. */
export interface RuleFormValues {
  regionId: string | null;
  kind: VisitRuleKind;
  role?: string;
  target?: string;
  count?: number;
  period?: string;
  percent?: number;
  weekdays?: number[];
  monthDays?: number[];
}

/** The fields each kind of rule asks for, in the order the form shows them. */
export const RULE_FIELDS: Record<VisitRuleKind, readonly (keyof RuleFormValues)[]> = {
  quota: ['role', 'target', 'count', 'period'],
  coverage: ['target', 'period', 'percent'],
  visit_days: ['weekdays', 'monthDays'],
  night_target: ['role', 'count', 'period'],
};

/**
 * The request body for the form's values, checked with the server's own schema, so the form says
 * what is missing before anything is sent; null when the values do not make a rule yet.
 */
export function ruleBody(values: RuleFormValues): CreateVisitRule | null {
  const params: Record<string, unknown> = {};
  for (const field of RULE_FIELDS[values.kind]) {
    const value = values[field];
    const empty = value === undefined || value === null || (Array.isArray(value) && value.length === 0);
    if (!empty) params[field] = value;
  }
  const parsed = createVisitRuleSchema.safeParse({ regionId: values.regionId, kind: values.kind, params });
  return parsed.success ? parsed.data : null;
}

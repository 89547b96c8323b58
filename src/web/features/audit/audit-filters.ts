import { AUDIT_RESULTS } from '../../../shared/domain/audit.ts';

export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** The audit page's filters as the server takes them (times as ISO strings). */
export interface AuditFilters {
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  result?: AuditResult | undefined;
}

export const AUDIT_PAGE_SIZE = 50;

const FILTER_KEYS = ['from', 'to', 'actor', 'action', 'objectType', 'objectId', 'result'] as const;

/** The filters as URL parameters, leaving out what is unset or blank (the page's address too). */
export function auditFiltersSearch(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  return params;
}

/** The filters a page address asks for (a link to one object's or one person's rows). */
export function auditFiltersFrom(search: string): AuditFilters {
  const params = new URLSearchParams(search);
  const filters: AuditFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if (key === 'result') {
      if ((AUDIT_RESULTS as readonly string[]).includes(value)) filters.result = value as AuditResult;
    } else filters[key] = value;
  }
  return filters;
}

/** The filters and the page as URL parameters, leaving out what is unset or blank. */
export function auditQueryParams(
  filters: AuditFilters,
  before?: string,
  limit = AUDIT_PAGE_SIZE,
): URLSearchParams {
  const params = auditFiltersSearch(filters);
  if (before !== undefined) params.set('before', before);
  params.set('limit', String(limit));
  return params;
}

/**
 * The action filter's choices: each kind of action (`auth.` = every sign-in event) that has more
 * than one action, then every action by itself.
 */
export function actionChoices(actions: readonly string[]): { groups: string[]; actions: string[] } {
  const counts = new Map<string, number>();
  for (const action of actions) {
    const dot = action.indexOf('.');
    if (dot > 0) {
      const prefix = action.slice(0, dot + 1);
      counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
    }
  }
  const groups = [...counts.entries()].filter(([, n]) => n > 1).map(([prefix]) => prefix);
  return { groups: groups.sort(), actions: [...actions].sort() };
}

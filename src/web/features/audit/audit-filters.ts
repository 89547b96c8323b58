import type { AUDIT_RESULTS } from '../../../shared/domain/audit.ts';

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

/** The filters and the page as URL parameters, leaving out what is unset or blank. */
export function auditQueryParams(
  filters: AuditFilters,
  before?: number,
  limit = AUDIT_PAGE_SIZE,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['from', 'to', 'actor', 'action', 'objectType', 'objectId', 'result'] as const) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  if (before !== undefined) params.set('before', String(before));
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

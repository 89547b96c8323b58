import type { Permission } from '../../../shared/auth/roles.ts';
import type { Principal } from '../auth/principal.ts';
import { type Scope, scopeForAll } from '../auth/scope.ts';

type VisitSubject = 'household' | 'enterprise';

/** The permission that reads a visit subject's own record (a household's address, an enterprise's name). */
export const SUBJECT_READ: Record<VisitSubject, Permission> = {
  household: 'households:read',
  enterprise: 'enterprises:read',
};

/**
 * Where a caller may see households (or enterprises) listed by address or name in visit lists:
 * their visiting scope AND the subject's own read scope. A liaison visits but may not read
 * households, so visit lists show them only enterprises.
 */
export function subjectScope(principal: Principal, subject: VisitSubject): Scope {
  return scopeForAll(principal, ['visits:read', SUBJECT_READ[subject]]);
}

import { conflictingDuties, type Role } from '../../../shared/auth/roles.ts';
import { type GrantInput, isDepartmentRole, type User } from '../../../shared/domain/user.ts';

/** One line of the grants editor: a role and its scope, possibly not chosen yet. */
export interface GrantDraft {
  key: number;
  role: Role | null;
  /** null: the whole district. */
  scopeRegionId: string | null;
  /** The region's name, for showing a scope whose part of the tree is not loaded. */
  scopeRegionName: string | null;
  scopeDepartmentId: string | null;
}

let nextKey = 0;

export const emptyDraft = (): GrantDraft => ({
  key: nextKey++,
  role: null,
  scopeRegionId: null,
  scopeRegionName: null,
  scopeDepartmentId: null,
});

export function draftsFrom(user: User): GrantDraft[] {
  return user.grants.map((g) => ({
    key: nextKey++,
    role: g.role,
    scopeRegionId: g.scopeRegionId,
    scopeRegionName: g.scopeRegionId ? g.scopeName : null,
    scopeDepartmentId: g.scopeDepartmentId,
  }));
}

/** A new role on a line; a switch between a region role and a department role clears the scope. */
export function withRole(draft: GrantDraft, role: Role): GrantDraft {
  const sameKind = draft.role !== null && isDepartmentRole(draft.role) === isDepartmentRole(role);
  return sameKind
    ? { ...draft, role }
    : { ...draft, role, scopeRegionId: null, scopeRegionName: null, scopeDepartmentId: null };
}

export type DraftProblem = 'grantsRequired' | 'roleRequired' | 'departmentRequired' | 'conflict';

/** What stops the grants from being saved, checked as the server will (三员 included). */
export function draftProblems(drafts: readonly GrantDraft[]): { problems: DraftProblem[]; conflict: Role[] } {
  const problems: DraftProblem[] = [];
  if (drafts.length === 0) problems.push('grantsRequired');
  if (drafts.some((d) => d.role === null)) problems.push('roleRequired');
  if (drafts.some((d) => d.role !== null && isDepartmentRole(d.role) && d.scopeDepartmentId === null))
    problems.push('departmentRequired');
  const conflict = conflictingDuties(drafts.flatMap((d) => (d.role ? [d.role] : [])));
  if (conflict.length > 0) problems.push('conflict');
  return { problems, conflict };
}

/** The request body's grants: each with exactly the scope its role takes. */
export function grantInputs(drafts: readonly GrantDraft[]): GrantInput[] {
  return drafts.flatMap((d): GrantInput[] => {
    if (d.role === null) return [];
    return isDepartmentRole(d.role)
      ? [{ role: d.role, scopeRegionId: null, scopeDepartmentId: d.scopeDepartmentId }]
      : [{ role: d.role, scopeRegionId: d.scopeRegionId, scopeDepartmentId: null }];
  });
}

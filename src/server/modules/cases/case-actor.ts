import { reaches } from '../../../shared/auth/reach.ts';
import { ROLE_PERMISSIONS, type Role } from '../../../shared/auth/roles.ts';
import { isUnitMember, levelOfPath } from '../../../shared/cases/levels.ts';
import type { Actor, CaseFacts, CaseState, Rating } from '../../../shared/cases/workflow.ts';
import type { Principal } from '../auth/principal.ts';
import type { CaseRow } from './cases.repository.ts';

/**
 * Who the principal is to this case, as the workflow's rules ask it: the roles whose grants reach
 * the case (a dispatcher only at or above the case's level), whether they own its feedback,
 * whether they belong to its handling unit, whether they dispatch below the level holding it, and
 * whether their department is summoned by one of `taskDepartmentIds` (the departments of its open whistle tasks). Being summoned is not handling:
 * the bureau reports in on its task, the handling unit keeps the rest.
 */
export function caseActor(
  principal: Principal,
  row: CaseRow,
  taskDepartmentIds: readonly string[] = [],
): Actor {
  const roles = new Set<Role>();
  let handlingUnit = false;
  let summoned = false;
  let lowerDispatcher = false;
  for (const g of principal.grants) {
    const handles = ROLE_PERMISSIONS[g.role].includes('cases:handle');
    if (g.scopeDepartmentId !== null) {
      if (handles && g.scopeDepartmentId === row.unit_department_id) handlingUnit = true;
      if (handles && taskDepartmentIds.includes(g.scopeDepartmentId)) summoned = true;
      continue;
    }
    if (reaches(g.scopePath, row.region_path) || reaches(g.scopePath, row.unit_region_path)) {
      if (g.role !== 'dispatcher' || levelOfPath(g.scopePath) >= row.level) roles.add(g.role);
      else lowerDispatcher = true;
    }
    if (handles && row.unit_department_id === null && isUnitMember(g.scopePath, row.unit_region_path))
      handlingUnit = true;
  }
  return {
    roles: [...roles],
    firstResponder: row.first_responder_id === principal.userId,
    handlingUnit,
    summoned,
    heldAbove: lowerDispatcher && !roles.has('dispatcher'),
  };
}

/** The facts the workflow's guards read, from the stored case. */
export function caseFacts(row: CaseRow): CaseFacts {
  return {
    state: row.state as CaseState,
    level: row.level,
    unitLevel: row.unit_level,
    latestRating: row.latest_rating as Rating | null,
    unreachableAttempts: row.unreachable_attempts,
    openTasks: row.open_tasks,
    extensionPending: row.extension_pending,
    reopenCount: row.reopen_count,
    escalations: row.escalations,
  };
}

import { outermost } from '../../../shared/auth/reach.ts';
import type { Permission, Role } from '../../../shared/auth/roles.ts';

/** Who is calling, as resolved from the session cookie for one request. */
export interface Principal {
  userId: string;
  districtCode: string;
  username: string;
  displayName: string;
  demo: boolean;
  sessionId: string;
  mfaPassed: boolean;
  mustChangePassword: boolean;
  grants: PrincipalGrant[];
  permissions: Set<Permission>;
  /**
   * The district's auth version this principal was resolved under, read before its rows: reads
   * derived from grants and places may be answered from memory at that version
   * (versioned-cache.ts). Absent where a principal is made otherwise (sign-in, tests).
   */
  authVersion?: number;
}

export interface PrincipalGrant {
  role: Role;
  /** The region the grant is scoped to; null for the whole district or for a department grant. */
  scopeRegionId: string | null;
  /** Set for a department-scoped grant (dept_handler), with the department's name. */
  scopeDepartmentId: string | null;
  scopeDepartmentName: string | null;
  /**
   * The region path the grant stands on: its region, the district, or for a department grant the
   * district or street node the department belongs to.
   */
  scopePath: string;
  /** What the UI names the scope: the region's, district's or department's name. */
  scopeName: string;
}

/**
 * What a department grant reaches by region. A department belongs to a district or street node:
 * its handlers read that part of the geography (where the cases they receive come from), and
 * nothing else through the hierarchy — no households or enterprises, even if the role were one
 * day given a permission that reads them by region. A department's own cases are reached by
 * department (issue 4), never through these paths.
 */
const DEPARTMENT_REACH: readonly Permission[] = ['regions:read'];

/**
 * The region paths whose subtrees the principal reaches with a permission: the scopes of the
 * grants whose role gives it. Empty means nothing. This is the one place data scope comes from.
 */
export function scopePaths(
  principal: Principal,
  permission: Permission,
  rolePermissions: (r: Role) => readonly Permission[],
): string[] {
  const paths = principal.grants
    .filter((g) => rolePermissions(g.role).includes(permission))
    .filter((g) => g.scopeDepartmentId === null || DEPARTMENT_REACH.includes(permission))
    .map((g) => g.scopePath);
  // A path already covered by a shorter one adds nothing.
  return outermost(paths);
}

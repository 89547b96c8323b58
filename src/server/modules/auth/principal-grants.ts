import { type Permission, ROLE_PERMISSIONS, type Role, roleSchema } from '../../../shared/auth/roles.ts';
import type { createAuthRepository } from './auth.repository.ts';
import type { PrincipalGrant } from './principal.ts';

type GrantRow = Awaited<ReturnType<ReturnType<typeof createAuthRepository>['grantsOf']>>[number];

/**
 * An account's grant rows as the principal carries them: the one reading for a signed-in request
 * (auth.service.ts) and for the demo seed's own acts. `districtName` names district-wide grants.
 */
export function principalGrants(
  rows: readonly GrantRow[],
  districtCode: string,
  districtName: string | undefined,
): { grants: PrincipalGrant[]; permissions: Set<Permission> } {
  const grants = rows.map(
    (g): PrincipalGrant =>
      g.scope_department_id
        ? {
            role: roleSchema.parse(g.role),
            scopeRegionId: null,
            scopeDepartmentId: g.scope_department_id,
            scopeDepartmentName: g.department_name,
            // The department's own node (see DEPARTMENT_REACH in principal.ts).
            scopePath: g.department_path ?? districtCode,
            scopeName: g.department_name ?? g.scope_department_id,
          }
        : {
            role: roleSchema.parse(g.role),
            scopeRegionId: g.scope_region_id,
            scopeDepartmentId: null,
            scopeDepartmentName: null,
            scopePath: g.path ?? districtCode,
            scopeName: g.name ?? districtName ?? districtCode,
          },
  );
  return { grants, permissions: new Set(grants.flatMap((g) => ROLE_PERMISSIONS[g.role as Role])) };
}

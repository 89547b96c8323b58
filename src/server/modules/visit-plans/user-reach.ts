import { reaches } from '../../../shared/auth/reach.ts';
import { type Permission, ROLE_PERMISSIONS, type Role } from '../../../shared/auth/roles.ts';
import type { PlanUser } from './visit-plans.repository.ts';

/** Whether one of the user's grants that gives `permission` stands on `path` or above it. */
export function userReaches(user: PlanUser, permission: Permission, path: string): boolean {
  return user.grants.some(
    (g) => (ROLE_PERMISSIONS[g.role as Role] ?? []).includes(permission) && reaches(g.path, path),
  );
}

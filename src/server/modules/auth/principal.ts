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
  grants: { role: Role; scopeRegionId: string | null; scopePath: string; scopeName: string }[];
  permissions: Set<Permission>;
}

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
    .map((g) => g.scopePath);
  // A path already covered by a shorter one adds nothing.
  return [...new Set(paths)].filter((p) => !paths.some((q) => q !== p && p.startsWith(`${q}.`)));
}

export function rolesLabel(principal: Principal | undefined): string | null {
  return principal ? principal.grants.map((g) => g.role).join(',') : null;
}

export function scopeLabel(principal: Principal | undefined): string | null {
  return principal ? principal.grants.map((g) => g.scopePath).join(',') : null;
}

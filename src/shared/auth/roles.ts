import { z } from 'zod';

/**
 * Roles and what each may do. The three administrator duties (三员: system, security, audit) are
 * mutually exclusive: no user may hold two of them (docs/specs/trust.md §5), nor one of them with any business
 * role. Every route declares one permission; a role grants a set of them; the data a grant
 * reaches is limited by its scope.
 */
export const ROLES = [
  'sysadmin',
  'secadmin',
  'auditor',
  'leader',
  'dispatcher',
  'grid_worker',
  'cadre',
  'dept_handler',
  'supervisor',
  'liaison',
  // A provincial leader reads the province's figures, district by district (issue 17 §3): totals
  // from the rollups, no place below a district, no case, no person.
  'province_leader',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ADMIN_DUTIES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

export const PERMISSIONS = [
  'regions:read',
  'regions:write',
  'households:read',
  'households:write',
  'enterprises:read',
  'enterprises:write',
  'enterprises:assign',
  'pii:unmask',
  'org:write',
  'data:import',
  'data:export',
  'exports:approve',
  'cases:read',
  'cases:create',
  'cases:dispatch',
  'cases:handle',
  'cases:supervise',
  'visits:read',
  'visits:write',
  'visits:plan',
  'visits:check',
  // Publishing a 数据晾晒 league table puts a ranking of units on record for everyone below: an
  // assessment act of its own, not part of planning visits or reading figures.
  'figures:publish',
  // Writing and publishing a periodic supervision report (两督): its findings go on record to the
  // units named, who must answer each one (整改).
  'supervision:write',
  // Every district's headline figures side by side: a province's view, beyond any district's scope.
  'figures:province',
  'users:read',
  'users:write',
  'audit:read',
  'system:admin',
] as const;
export const permissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof permissionSchema>;

/**
 * What a route needs: a permission; any fully signed-in user ('authenticated'); a session that
 * is still finishing sign-in, i.e. password accepted but second factor or password change pending
 * ('signing-in'); or nobody ('public').
 */
export type RouteAccess = Permission | 'authenticated' | 'signing-in' | 'public';

const TERRITORY_READ: Permission[] = ['regions:read', 'households:read', 'enterprises:read'];
/** Taking in cases and handling them as a first responder or a community unit. */
const CASE_WORK: Permission[] = ['cases:read', 'cases:create', 'cases:handle'];
/** Visiting and writing the visit diary (民情日记). */
const VISITING: Permission[] = ['visits:read', 'visits:write'];

/**
 * Who does what. The system administrator keeps the territory, the organisation (departments,
 * categories, tag lists) and bulk data loads; the security administrator keeps accounts and
 * approves bulk exports of personal data, which a leader requests (no one approves their own).
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  sysadmin: ['system:admin', 'regions:read', 'regions:write', 'org:write', 'data:import', 'data:export'],
  secadmin: ['users:read', 'users:write', 'regions:read', 'exports:approve'],
  auditor: ['audit:read', 'regions:read'],
  leader: [
    ...TERRITORY_READ,
    'pii:unmask',
    'enterprises:assign',
    'data:export',
    'cases:read',
    ...VISITING,
    'visits:plan',
    'visits:check',
    'figures:publish',
    'supervision:write',
  ],
  // Dispatchers route cases; they are never the unit that handles one.
  dispatcher: [...TERRITORY_READ, 'cases:read', 'cases:create', 'cases:dispatch', 'visits:read'],
  grid_worker: [
    ...TERRITORY_READ,
    'households:write',
    'enterprises:write',
    'pii:unmask',
    ...CASE_WORK,
    ...VISITING,
  ],
  cadre: [...TERRITORY_READ, 'households:write', ...CASE_WORK, ...VISITING],
  dept_handler: ['regions:read', 'cases:read', 'cases:handle'],
  supervisor: [
    ...TERRITORY_READ,
    'cases:read',
    'cases:supervise',
    'visits:read',
    'visits:check',
    'supervision:write',
  ],
  liaison: ['regions:read', 'enterprises:read', 'enterprises:write', ...CASE_WORK, ...VISITING],
  province_leader: ['figures:province'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]));
}

/**
 * The roles that may not be held together, or none. An administrator duty stands alone: not with
 * another duty (三员), and not with any business role either — a security administrator who is
 * also a leader could ask for a full export of personal data and approve it, and administrators
 * see no personal data at all. Business roles combine freely.
 */
export function conflictingDuties(roles: readonly Role[]): Role[] {
  const distinct = [...new Set(roles)];
  return distinct.some((r) => ADMIN_DUTIES.includes(r)) && distinct.length > 1 ? distinct : [];
}

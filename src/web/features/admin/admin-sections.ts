import type { Permission } from '../../../shared/auth/roles.ts';

export type AdminSectionKey =
  | 'users'
  | 'audit'
  | 'departments'
  | 'categories'
  | 'tags'
  | 'imports'
  | 'exports'
  | 'open311'
  | 'publicIntake';

export interface AdminSection {
  key: AdminSectionKey;
  path: string;
  /** Any one of these opens the section; the server checks the same permissions on its routes. */
  permissions: readonly Permission[];
}

/** The administration area's sections, in the order its menu shows them. */
export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { key: 'users', path: '/admin/users', permissions: ['users:read'] },
  { key: 'audit', path: '/admin/audit', permissions: ['audit:read'] },
  { key: 'departments', path: '/admin/departments', permissions: ['org:write'] },
  { key: 'categories', path: '/admin/categories', permissions: ['org:write'] },
  { key: 'tags', path: '/admin/tags', permissions: ['org:write'] },
  { key: 'imports', path: '/admin/imports', permissions: ['data:import'] },
  { key: 'exports', path: '/admin/exports', permissions: ['data:export', 'exports:approve'] },
  { key: 'open311', path: '/admin/open311', permissions: ['system:admin'] },
  { key: 'publicIntake', path: '/admin/public-intake', permissions: ['org:write'] },
];

export function visibleSections(permissions: readonly Permission[]): AdminSection[] {
  return ADMIN_SECTIONS.filter((s) => s.permissions.some((p) => permissions.includes(p)));
}

/**
 * The section a path shows: the one it names, or for `/admin` itself the first the user may
 * open; undefined for an unknown path or a section the user may not open.
 */
export function sectionFor(pathname: string, permissions: readonly Permission[]): AdminSection | undefined {
  const visible = visibleSections(permissions);
  const path = pathname.replace(/\/+$/, '');
  if (path === '/admin') return visible[0];
  return visible.find((s) => path === s.path || path.startsWith(`${s.path}/`));
}

/** Whether the path names a section at all (whoever may open it), to tell "no access" from "no page". */
export function isSectionPath(pathname: string): boolean {
  const path = pathname.replace(/\/+$/, '');
  return ADMIN_SECTIONS.some((s) => path === s.path || path.startsWith(`${s.path}/`));
}

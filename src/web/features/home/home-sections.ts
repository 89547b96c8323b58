import type { Permission, Role } from '../../../shared/auth/roles.ts';

/**
 * What a home page shows: a handler's to-do, a dispatcher's queue, a worker's visits today and
 * the follow-ups they owe, a leader's and supervisor's dashboard, a provincial leader's province
 * overview. Someone holding several roles
 * sees each role's sections, the work to do first and the dashboard last.
 */
export const HOME_SECTIONS = ['todo', 'queue', 'visits', 'followUps', 'dashboard', 'province'] as const;
export type HomeSection = (typeof HOME_SECTIONS)[number];

const ROLE_SECTIONS: Record<Role, readonly HomeSection[]> = {
  leader: ['dashboard'],
  supervisor: ['dashboard'],
  dispatcher: ['queue'],
  dept_handler: ['todo'],
  grid_worker: ['visits', 'followUps'],
  cadre: ['visits', 'followUps'],
  liaison: ['visits', 'followUps'],
  // The administrator duties keep the territory's overview they had.
  sysadmin: ['dashboard'],
  secadmin: ['dashboard'],
  auditor: ['dashboard'],
  province_leader: ['province'],
};

/** What each section reads; a section whose permission is missing is left out rather than failing. */
const SECTION_NEEDS: Record<HomeSection, Permission | null> = {
  todo: 'cases:handle',
  queue: 'cases:dispatch',
  visits: 'visits:read',
  followUps: 'cases:create',
  dashboard: null,
  province: 'figures:province',
};

export function homeSections(roles: readonly Role[], permissions: readonly Permission[]): HomeSection[] {
  const wanted = new Set(roles.flatMap((r) => ROLE_SECTIONS[r]));
  const sections = HOME_SECTIONS.filter((s) => {
    const needs = SECTION_NEEDS[s];
    return wanted.has(s) && (needs === null || permissions.includes(needs));
  });
  return sections.length > 0 ? sections : ['dashboard'];
}

/**
 * The home page's title: the places (or departments) the user's grants stand on, each once, in
 * grant order; a district-wide grant is named by the district.
 */
export function scopeTitle(
  grants: readonly { scopeName: string | null }[],
  districtName: string | undefined,
): string | undefined {
  const names = grants.map((g) => g.scopeName ?? districtName).filter((n): n is string => !!n);
  const distinct = [...new Set(names)];
  return distinct.length > 0 ? distinct.join('、') : undefined;
}

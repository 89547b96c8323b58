import type { Permission } from '../../shared/auth/roles.ts';

export type ModuleKey =
  | 'dashboard'
  | 'regions'
  | 'cases'
  | 'visits'
  | 'field'
  | 'households'
  | 'enterprises'
  | 'figures'
  | 'league'
  | 'scores'
  | 'supervision'
  | 'evaluation'
  | 'scoreLists'
  | 'findings'
  | 'hardProblems'
  | 'campaigns'
  | 'examples'
  | 'surveys'
  | 'hotline'
  | 'map'
  | 'admin';

/**
 * What a module needs: any one of these permissions; an empty list means any signed-in user.
 * The server enforces the same permissions on every route; this only keeps the navigation honest,
 * so nobody is offered a module that would answer 403.
 */
export const MODULE_PERMISSIONS: Record<ModuleKey, readonly Permission[]> = {
  dashboard: [],
  regions: ['regions:read'],
  // Every role that takes in, dispatches, handles or oversees cases reads them.
  cases: ['cases:read'],
  visits: ['visits:read'],
  // The field app records visits: only those who may write them see it.
  field: ['visits:write'],
  households: ['households:read'],
  enterprises: ['enterprises:read'],
  figures: ['regions:read'],
  // 数据晾晒: the live table needs cases and visits read; published tables are read by every
  // business role (cases:read), departments included.
  league: ['cases:read', 'visits:read'],
  // 考评: the score tables are read by those who read visits (as GET /scores); points and rules ask cases:read.
  scores: ['visits:read'],
  // 督查: written by supervisors and leaders; a published report is read by the units it names,
  // departments included (cases:read, as GET /supervision-reports).
  supervision: ['cases:read'],
  // 两评: rounds are read and rated by the people of communities and departments (cases:read, as
  // GET /evaluation-rounds); who rates whom the server decides from their grants.
  evaluation: ['cases:read'],
  // 表扬单 / 批评单: published lists are read by every business role (cases:read, as GET /score-lists).
  scoreLists: ['cases:read'],
  // 整改: the findings of one's own places, departments and self (as GET /findings).
  findings: ['cases:read'],
  // 攻坚破难清单: read where cases are read (as GET /hard-problems); leaders write it.
  hardProblems: ['cases:read'],
  // A campaign's report holds visit and case figures: those who read visits (as the figures API).
  campaigns: ['visits:read'],
  // 优秀案例: proposed and written by whoever reads cases (as GET /examples); leaders publish.
  examples: ['cases:read'],
  // 民意测评: read and answered by those who read visits (as GET /surveys); leaders create them.
  surveys: ['visits:read'],
  // 12345 热线: the hotline's orders are taken in and routed by dispatchers (as the hotline API).
  hotline: ['cases:dispatch'],
  // The grid map is for those who oversee places: leaders and supervisors (the API asks
  // cases:read and visits:read at the place, which they hold).
  map: ['visits:check'],
  // The admin area's sections each need their own permission (features/admin/admin-sections.ts).
  admin: [
    'system:admin',
    'users:read',
    'audit:read',
    'org:write',
    'data:import',
    'data:export',
    'exports:approve',
  ],
};

/** Whether someone holding `permissions` may open the module. */
export function mayOpen(key: ModuleKey, permissions: readonly Permission[]): boolean {
  const needed = MODULE_PERMISSIONS[key];
  return needed.length === 0 || needed.some((p) => permissions.includes(p));
}

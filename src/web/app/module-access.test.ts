import { describe, expect, it } from 'vitest';
import { permissionsOf } from '../../shared/auth/roles.ts';
import { MODULE_PERMISSIONS, type ModuleKey, mayOpen } from './module-access.ts';

const modulesFor = (...roles: Parameters<typeof permissionsOf>[0]) => {
  const permissions = [...permissionsOf(roles)];
  return (Object.keys(MODULE_PERMISSIONS) as ModuleKey[]).filter((key) => mayOpen(key, permissions));
};

describe('which modules a user is offered', () => {
  it('gives a grid worker the territory modules but not administration', () => {
    expect(modulesFor('grid_worker')).toEqual([
      'dashboard',
      'regions',
      'cases',
      'visits',
      'field',
      'households',
      'enterprises',
      'figures',
      'league',
      'scores',
      'supervision',
      'evaluation',
      'scoreLists',
      'findings',
      'hardProblems',
      'campaigns',
      'examples',
      'surveys',
    ]);
  });

  it('keeps households from roles without households:read', () => {
    expect(modulesFor('dept_handler')).not.toContain('households');
    expect(modulesFor('liaison')).toContain('visits');
    expect(modulesFor('liaison')).not.toContain('households');
    expect(modulesFor('liaison')).toContain('enterprises');
  });

  it('gives each administrator duty the admin module', () => {
    for (const role of ['sysadmin', 'secadmin', 'auditor'] as const) {
      expect(modulesFor(role)).toContain('admin');
      expect(modulesFor(role)).not.toContain('households');
    }
  });

  it('offers modules that need no permission to anyone signed in', () => {
    expect(mayOpen('dashboard', [])).toBe(true);
    expect(mayOpen('regions', [])).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { permissionsOf } from '../../../shared/auth/roles.ts';
import { isSectionPath, sectionFor, visibleSections } from './admin-sections.ts';

const sectionsOf = (...roles: Parameters<typeof permissionsOf>[0]) =>
  visibleSections([...permissionsOf(roles)]).map((s) => s.key);

describe('administration sections', () => {
  it('gives each of the three administrator duties only its own sections', () => {
    expect(sectionsOf('secadmin')).toEqual(['users', 'exports']);
    expect(sectionsOf('auditor')).toEqual(['audit']);
    expect(sectionsOf('sysadmin')).toEqual([
      'departments',
      'categories',
      'tags',
      'imports',
      'exports',
      'open311',
      'publicIntake',
    ]);
  });

  it('opens the first permitted section at /admin and refuses sections the user may not open', () => {
    const auditor = [...permissionsOf(['auditor'])];
    expect(sectionFor('/admin', auditor)?.key).toBe('audit');
    expect(sectionFor('/admin/audit/', auditor)?.key).toBe('audit');
    expect(sectionFor('/admin/users', auditor)).toBeUndefined();
    expect(sectionFor('/admin/nothing', auditor)).toBeUndefined();
    expect(isSectionPath('/admin/users')).toBe(true);
    expect(isSectionPath('/admin/nothing')).toBe(false);
  });
});

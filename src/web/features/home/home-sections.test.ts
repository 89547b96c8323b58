import { describe, expect, it } from 'vitest';
import { permissionsOf, type Role } from '../../../shared/auth/roles.ts';
import { homeSections, scopeTitle } from './home-sections.ts';

const sectionsOf = (...roles: Role[]) => homeSections(roles, [...permissionsOf(roles)]);

describe('home sections', () => {
  it("gives each role its own home: leader's and supervisor's the dashboard, the others their work", () => {
    expect(sectionsOf('leader')).toEqual(['dashboard']);
    expect(sectionsOf('supervisor')).toEqual(['dashboard']);
    expect(sectionsOf('dispatcher')).toEqual(['queue']);
    expect(sectionsOf('dept_handler')).toEqual(['todo']);
    expect(sectionsOf('grid_worker')).toEqual(['visits', 'followUps']);
    expect(sectionsOf('liaison')).toEqual(['visits', 'followUps']);
    expect(sectionsOf('auditor')).toEqual(['dashboard']);
    // A provincial leader reads no district's territory: only the province's overview.
    expect(sectionsOf('province_leader')).toEqual(['province']);
  });

  it('shows the sections of every role held, the work first and the dashboard last, each once', () => {
    expect(sectionsOf('leader', 'dispatcher')).toEqual(['queue', 'dashboard']);
    expect(sectionsOf('grid_worker', 'dept_handler', 'liaison')).toEqual(['todo', 'visits', 'followUps']);
  });

  it('leaves out a section whose data the holder may not read, and never shows nothing', () => {
    expect(homeSections(['grid_worker'], ['cases:read', 'cases:create'])).toEqual(['followUps']);
    expect(homeSections(['dispatcher'], ['cases:read'])).toEqual(['dashboard']);
    expect(homeSections([], [])).toEqual(['dashboard']);
  });
});

describe('home title', () => {
  it("names the user's own places, each once, and the district for a district-wide grant", () => {
    expect(scopeTitle([{ scopeName: '湘湖社区' }], '萧山区')).toBe('湘湖社区');
    expect(scopeTitle([{ scopeName: '湘湖社区' }, { scopeName: '湘湖社区' }], '萧山区')).toBe('湘湖社区');
    expect(scopeTitle([{ scopeName: 'A社区' }, { scopeName: null }], '萧山区')).toBe('A社区、萧山区');
    expect(scopeTitle([{ scopeName: null }], undefined)).toBeUndefined();
  });
});

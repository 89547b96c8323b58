import { describe, expect, it } from 'vitest';
import type { User } from '../../../shared/domain/user.ts';
import { userListParams } from './accounts-api.ts';
import { draftProblems, draftsFrom, emptyDraft, grantInputs, withRole } from './grant-drafts.ts';

const REGION = '0190a5d0-0000-7000-8000-000000000001';
const DEPARTMENT = '0190a5d0-0000-7000-8000-000000000002';

describe('grant drafts', () => {
  it('clears the scope when a line switches between a region role and a department role', () => {
    const regional = { ...withRole(emptyDraft(), 'cadre'), scopeRegionId: REGION, scopeRegionName: '某街道' };
    expect(withRole(regional, 'leader')).toMatchObject({ role: 'leader', scopeRegionId: REGION });
    const handler = withRole(regional, 'dept_handler');
    expect(handler).toMatchObject({ scopeRegionId: null, scopeRegionName: null, scopeDepartmentId: null });
    const withDepartment = { ...handler, scopeDepartmentId: DEPARTMENT };
    expect(withRole(withDepartment, 'grid_worker').scopeDepartmentId).toBeNull();
  });

  it('finds what stops a save, the separation of the three duties included', () => {
    expect(draftProblems([]).problems).toEqual(['grantsRequired']);
    expect(draftProblems([emptyDraft()]).problems).toEqual(['roleRequired']);
    expect(draftProblems([withRole(emptyDraft(), 'dept_handler')]).problems).toEqual(['departmentRequired']);
    const duties = draftProblems([withRole(emptyDraft(), 'secadmin'), withRole(emptyDraft(), 'auditor')]);
    expect(duties).toEqual({ problems: ['conflict'], conflict: ['secadmin', 'auditor'] });
    // An administrator duty stands alone: with a business role it is a conflict too.
    expect(draftProblems([withRole(emptyDraft(), 'secadmin'), withRole(emptyDraft(), 'leader')])).toEqual({
      problems: ['conflict'],
      conflict: ['secadmin', 'leader'],
    });
    expect(
      draftProblems([withRole(emptyDraft(), 'leader'), withRole(emptyDraft(), 'grid_worker')]).problems,
    ).toEqual([]);
  });

  it('sends each grant with exactly the scope its role takes', () => {
    const drafts = [
      { ...withRole(emptyDraft(), 'cadre'), scopeRegionId: REGION, scopeDepartmentId: DEPARTMENT },
      { ...withRole(emptyDraft(), 'dept_handler'), scopeRegionId: REGION, scopeDepartmentId: DEPARTMENT },
      withRole(emptyDraft(), 'leader'),
    ];
    expect(grantInputs(drafts)).toEqual([
      { role: 'cadre', scopeRegionId: REGION, scopeDepartmentId: null },
      { role: 'dept_handler', scopeRegionId: null, scopeDepartmentId: DEPARTMENT },
      { role: 'leader', scopeRegionId: null, scopeDepartmentId: null },
    ]);
  });

  it("starts an edit from the account's grants, keeping region names for display", () => {
    const user: User = {
      id: REGION,
      username: 'a.b',
      displayName: 'A',
      active: true,
      totpEnrolled: false,
      demo: false,
      actions: [],
      grants: [
        { role: 'cadre', scopeRegionId: REGION, scopeDepartmentId: null, scopeName: '某街道' },
        { role: 'dept_handler', scopeRegionId: null, scopeDepartmentId: DEPARTMENT, scopeName: '住建局' },
      ],
    };
    const drafts = draftsFrom(user);
    expect(drafts.map((d) => [d.role, d.scopeRegionName, d.scopeDepartmentId])).toEqual([
      ['cadre', '某街道', null],
      ['dept_handler', null, DEPARTMENT],
    ]);
    expect(new Set(drafts.map((d) => d.key)).size).toBe(2);
    expect(grantInputs(drafts)).toEqual(
      user.grants.map((g) => ({
        role: g.role,
        scopeRegionId: g.scopeRegionId,
        scopeDepartmentId: g.scopeDepartmentId,
      })),
    );
  });
});

describe('account list parameters', () => {
  it('leaves out what is unset or blank', () => {
    expect(userListParams({}).toString()).toBe('');
    expect(userListParams({ q: '  ', role: undefined }).toString()).toBe('');
    expect(userListParams({ q: ' 王 ', role: 'grid_worker', active: false }).toString()).toBe(
      `q=${encodeURIComponent('王')}&role=grid_worker&active=false`,
    );
  });
});

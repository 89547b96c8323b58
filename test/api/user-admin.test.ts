import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Principal, scopePaths } from '../../src/server/modules/auth/principal.ts';
import { type Permission, ROLE_PERMISSIONS, type Role } from '../../src/shared/auth/roles.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { signIn } from '../support/auth.ts';
import { seedSmallDemo } from '../support/demo.ts';

/**
 * Department-scoped grants, the account list's filters, and the security administrator's resets
 * (issue 3 §5): what the accounts page relies on.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let secadmin: string;
let district: { code: string; id: string; path: string };
let street: { id: string; path: string; name: string };
const departments: Record<'districtLevel' | 'streetLevel' | 'inactive' | 'otherDistrict', string> = {
  districtLevel: '',
  streetLevel: '',
  inactive: '',
  otherDistrict: '',
};

type UserBody = {
  id: string;
  actions: string[];
  username: string;
  active: boolean;
  totpEnrolled: boolean;
  grants: {
    role: string;
    scopeRegionId: string | null;
    scopeDepartmentId: string | null;
    scopeName: string | null;
  }[];
};

const NEW_PASSWORD = 'Nn#2026-changed-pw';
let accountCounter = 0;

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 20);
  secadmin = await demo.signIn('secadmin');
  const db = t.database.db;
  const d = await db
    .selectFrom('region')
    .select(['district_code', 'id', 'path'])
    .where('level', '=', 'district')
    .executeTakeFirstOrThrow();
  district = { code: d.district_code, id: d.id, path: d.path };
  street = await db
    .selectFrom('region')
    .select(['id', 'path', 'name'])
    .where('level', '=', 'street')
    .orderBy('path')
    .executeTakeFirstOrThrow();
  const department = (
    code: string,
    name: string,
    level: 'district' | 'street',
    regionId: string,
    active = true,
  ) => {
    const id = uuidv7();
    return db
      .insertInto('department')
      .values({ district_code: district.code, id, code, name, level, region_id: regionId, active })
      .execute()
      .then(() => id);
  };
  departments.districtLevel = await department('ZJJ', '区住建局', 'district', district.id);
  departments.streetLevel = await department('JD-CG', '街道城管科', 'street', street.id);
  departments.inactive = await department('OLD', '已撤销科室', 'district', district.id, false);
  // Another district with its own department: a grant may never name it.
  const otherRegion = uuidv7();
  await db
    .insertInto('region')
    .values({
      district_code: '330110',
      id: otherRegion,
      parent_id: null,
      level: 'district',
      code: '330110',
      name: '余杭区',
      kind: null,
      path: '330110',
    })
    .execute();
  departments.otherDistrict = uuidv7();
  await db
    .insertInto('department')
    .values({
      district_code: '330110',
      id: departments.otherDistrict,
      code: 'YH',
      name: '余杭某局',
      level: 'district',
      region_id: otherRegion,
    })
    .execute();
});
afterAll(async () => t.close());

const regionGrant = (role: string, scopeRegionId: string | null = null) => ({ role, scopeRegionId });
const departmentGrant = (scopeDepartmentId: string) => ({
  role: 'dept_handler',
  scopeRegionId: null,
  scopeDepartmentId,
});

async function createAccount(grants: unknown[]): Promise<{ user: UserBody; oneTimePassword: string }> {
  const res = await demo.send(
    'POST',
    '/api/v1/users',
    { username: `acct.${accountCounter++}`, displayName: '测试账号', grants },
    secadmin,
  );
  expect(res.status, JSON.stringify(res.json())).toBe(201);
  return res.json() as { user: UserBody; oneTimePassword: string };
}

/** Signs a new account in with its one-time password, enrols, changes the password: a session cookie. */
async function firstSignIn(username: string, oneTimePassword: string): Promise<string> {
  const cookie = await signIn(demo.send, username, `admin-${process.pid}`, oneTimePassword);
  const changed = await demo.send(
    'POST',
    '/api/v1/auth/password',
    { currentPassword: oneTimePassword, newPassword: NEW_PASSWORD },
    cookie,
  );
  expect(changed.json()).toEqual({ next: 'done' });
  return cookie;
}

const auditRows = (action: string, objectId: string) => auditRowsOf(t, action, objectId);

describe('grants scoped to a department', () => {
  it('creates a department handler with a department, shown with its name in the list', async () => {
    const { user } = await createAccount([departmentGrant(departments.streetLevel)]);
    expect(user.grants).toEqual([
      {
        role: 'dept_handler',
        scopeRegionId: null,
        scopeDepartmentId: departments.streetLevel,
        scopeName: '街道城管科',
      },
    ]);
    const row = await t.database.db
      .selectFrom('role_grant')
      .select(['scope_region_id', 'scope_department_id'])
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ scope_region_id: null, scope_department_id: departments.streetLevel });
  });

  it('refuses a department handler without a department or with a region, and a department for other roles', async () => {
    const before = await t.database.db.selectFrom('app_user').select('id').execute();
    const refused = [
      [{ role: 'dept_handler', scopeRegionId: null }],
      [{ role: 'dept_handler', scopeRegionId: street.id, scopeDepartmentId: departments.streetLevel }],
      [{ role: 'dept_handler', scopeRegionId: street.id }],
      [{ role: 'grid_worker', scopeRegionId: null, scopeDepartmentId: departments.streetLevel }],
      [{ role: 'leader', scopeRegionId: street.id, scopeDepartmentId: departments.districtLevel }],
      [departmentGrant(uuidv7())],
      [departmentGrant(departments.otherDistrict)],
      [departmentGrant(departments.inactive)],
    ];
    for (const grants of refused) {
      const res = await demo.send(
        'POST',
        '/api/v1/users',
        { username: `refused.${accountCounter++}`, displayName: 'x', grants },
        secadmin,
      );
      expect(res.status, JSON.stringify(grants)).toBe(422);
    }
    const after = await t.database.db.selectFrom('app_user').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('keeps the old grant shape working: a region grant without scopeDepartmentId', async () => {
    const { user } = await createAccount([regionGrant('cadre', street.id)]);
    expect(user.grants).toEqual([
      { role: 'cadre', scopeRegionId: street.id, scopeDepartmentId: null, scopeName: street.name },
    ]);
  });

  it("gives the signed-in handler the department's name and only its node of the geography", async () => {
    const { user, oneTimePassword } = await createAccount([departmentGrant(departments.streetLevel)]);
    const cookie = await firstSignIn(user.username, oneTimePassword);
    const me = (await demo.send('GET', '/api/v1/auth/me', undefined, cookie)).json() as {
      roles: { role: string; scopeRegionId: string | null; scopeName: string | null }[];
      permissions: string[];
    };
    expect(me.roles).toEqual([{ role: 'dept_handler', scopeRegionId: null, scopeName: '街道城管科' }]);
    // Cases of the department come by department; the geography only as far as its node.
    expect(me.permissions).toEqual(['cases:handle', 'cases:read', 'regions:read']);
    // regions:read reaches the street the department belongs to, not the whole district.
    const top = (await demo.send('GET', '/api/v1/regions', undefined, cookie)).json() as {
      items: { id: string }[];
    };
    expect(top.items.map((r) => r.id)).toEqual([street.id]);
    expect((await demo.send('GET', '/api/v1/households', undefined, cookie)).status).toBe(403);
    // The audit rows of the handler name the department as the scope.
    const signIns = await t.database.db
      .selectFrom('audit_log')
      .select('scope')
      .where('actor_id', '=', user.id)
      .where('action', '=', 'auth.password_changed')
      .execute();
    expect(signIns.map((r) => r.scope)).toEqual(['dept:街道城管科']);
  });

  it('replaces grants with a department grant, audited with the scopes before and after', async () => {
    const { user } = await createAccount([regionGrant('cadre', street.id)]);
    const res = await demo.send(
      'PUT',
      `/api/v1/users/${user.id}/grants`,
      { grants: [departmentGrant(departments.districtLevel)] },
      secadmin,
    );
    expect(res.status).toBe(200);
    expect((res.json() as UserBody).grants.map((g) => [g.role, g.scopeDepartmentId, g.scopeName])).toEqual([
      ['dept_handler', departments.districtLevel, '区住建局'],
    ]);
    const [row] = await auditRows('user.grants_changed', user.id);
    expect(row?.detail).toEqual({
      before: [{ role: 'cadre', region: street.id, department: null }],
      after: [{ role: 'dept_handler', region: null, department: departments.districtLevel }],
    });
  });
});

describe('data scope of a department grant', () => {
  const principal = (grants: Principal['grants']): Principal => ({
    userId: uuidv7(),
    districtCode: '330109',
    username: 'x',
    displayName: 'x',
    demo: false,
    sessionId: uuidv7(),
    mfaPassed: true,
    mustChangePassword: false,
    grants,
    permissions: new Set(),
  });
  const departmentOnStreet = {
    role: 'dept_handler' as Role,
    scopeRegionId: null,
    scopeDepartmentId: uuidv7(),
    scopeDepartmentName: '街道城管科',
    scopePath: '330109.330109001',
    scopeName: '街道城管科',
  };
  // As if the role could read households: a department grant must still reach none by region.
  const generous = (): readonly Permission[] => ['regions:read', 'households:read', 'enterprises:read'];

  it("reaches the department's node for regions:read and nothing for any other permission", () => {
    const p = principal([departmentOnStreet]);
    expect(scopePaths(p, 'regions:read', generous)).toEqual(['330109.330109001']);
    expect(scopePaths(p, 'households:read', generous)).toEqual([]);
    expect(scopePaths(p, 'enterprises:read', generous)).toEqual([]);
    expect(scopePaths(p, 'regions:read', (r) => ROLE_PERMISSIONS[r])).toEqual(['330109.330109001']);
  });

  it('leaves region grants of the same person as they were', () => {
    const p = principal([
      departmentOnStreet,
      {
        role: 'cadre',
        scopeRegionId: uuidv7(),
        scopeDepartmentId: null,
        scopeDepartmentName: null,
        scopePath: '330109.330109002.330109002001',
        scopeName: '某社区',
      },
    ]);
    expect(scopePaths(p, 'households:read', generous)).toEqual(['330109.330109002.330109002001']);
    expect(scopePaths(p, 'regions:read', generous).sort()).toEqual([
      '330109.330109001',
      '330109.330109002.330109002001',
    ]);
  });
});

describe('the account list', () => {
  it('filters by a name fragment, by a role held (keeping the other grants) and by state', async () => {
    const list = async (query: string) =>
      (
        (await demo.send('GET', `/api/v1/users?${query}`, undefined, secadmin)).json() as {
          items: UserBody[];
        }
      ).items;
    expect((await list('q=WORKER')).map((u) => u.username)).toEqual(['worker1', 'worker2']);
    // Display names too (网格员 is in both grid workers' names).
    expect((await list(`q=${encodeURIComponent('网格员')}`)).map((u) => u.username)).toEqual([
      'worker1',
      'worker2',
    ]);
    expect((await list('q=%25')).length).toBe(0);

    // What the caller may do to each: nothing to their own account.
    const everyone = await list('');
    expect(everyone.find((u) => u.username === 'secadmin')?.actions).toEqual([]);
    expect(everyone.find((u) => u.username === 'worker1')?.actions).toEqual([
      'edit-grants',
      'reset-password',
      'reset-totp',
      'deactivate',
    ]);

    const { user } = await createAccount([
      regionGrant('cadre', street.id),
      regionGrant('supervisor', street.id),
    ]);
    const supervisors = await list('role=supervisor');
    // The demo's own supervisor and the new account, which keeps its other grant in the list.
    expect(supervisors.map((u) => u.username).sort()).toEqual([user.username, 'supervisor'].sort());
    expect(supervisors.find((u) => u.id === user.id)?.grants.map((g) => g.role)).toEqual([
      'cadre',
      'supervisor',
    ]);

    expect((await demo.send('POST', `/api/v1/users/${user.id}/deactivate`, {}, secadmin)).status).toBe(200);
    const inactive = await list('active=false');
    expect(inactive.map((u) => u.id)).toContain(user.id);
    expect(inactive.every((u) => !u.active && u.actions.length === 0)).toBe(true);
    expect((await list('active=true')).map((u) => u.id)).not.toContain(user.id);
    // Only the demo's supervisor is left active.
    expect((await list('role=supervisor&active=true')).map((u) => u.username)).toEqual(['supervisor']);

    expect((await demo.send('GET', '/api/v1/users?role=king', undefined, secadmin)).status).toBe(422);
    expect((await demo.send('GET', '/api/v1/users?active=yes', undefined, secadmin)).status).toBe(422);
    expect((await demo.send('GET', '/api/v1/users?sort=x', undefined, secadmin)).status).toBe(422);
  });
});

describe('resets by the security administrator', () => {
  it('resets a password: a new one-time password, the old password and sessions stop working', async () => {
    const { user, oneTimePassword } = await createAccount([regionGrant('cadre', street.id)]);
    const cookie = await firstSignIn(user.username, oneTimePassword);
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, cookie)).status).toBe(200);

    const res = await demo.send('POST', `/api/v1/users/${user.id}/reset-password`, {}, secadmin);
    expect(res.status).toBe(200);
    const reset = res.json() as { user: UserBody; oneTimePassword: string };
    expect(reset.user.id).toBe(user.id);
    expect(reset.oneTimePassword).not.toBe(oneTimePassword);

    expect((await demo.send('GET', '/api/v1/auth/me', undefined, cookie)).status).toBe(401);
    const old = await demo.send('POST', '/api/v1/auth/login', {
      username: user.username,
      password: NEW_PASSWORD,
    });
    expect(old.status).toBe(401);
    // The new password works once more through the second factor, then must be changed.
    const fresh = await signIn(demo.send, user.username, `admin-${process.pid}`, reset.oneTimePassword);
    const me = await demo.send('GET', '/api/v1/auth/me', undefined, fresh);
    expect(me.status).toBe(401);
    const changed = await demo.send(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: reset.oneTimePassword, newPassword: 'Qq#2026-second-pw' },
      fresh,
    );
    expect(changed.json()).toEqual({ next: 'done' });
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, fresh)).status).toBe(200);

    const rows = await auditRows('user.password_reset', user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actor_name).toBe('secadmin');
    expect(JSON.stringify(rows[0]?.detail)).not.toContain(reset.oneTimePassword);
  });

  it('resets the authenticator: sessions end and the next sign-in enrols again', async () => {
    const { user, oneTimePassword } = await createAccount([regionGrant('cadre', street.id)]);
    const cookie = await firstSignIn(user.username, oneTimePassword);
    const enrolled = await t.database.db
      .selectFrom('app_user')
      .select(['totp_enabled', 'totp_secret_enc'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(enrolled.totp_enabled).toBe(true);

    const res = await demo.send('POST', `/api/v1/users/${user.id}/reset-totp`, {}, secadmin);
    expect(res.status).toBe(200);
    expect((res.json() as UserBody).totpEnrolled).toBe(false);
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, cookie)).status).toBe(401);
    const after = await t.database.db
      .selectFrom('app_user')
      .select(['totp_enabled', 'totp_secret_enc', 'recovery_code_hashes'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ totp_enabled: false, totp_secret_enc: null, recovery_code_hashes: [] });

    const login = await demo.send('POST', '/api/v1/auth/login', {
      username: user.username,
      password: NEW_PASSWORD,
    });
    expect(login.json()).toEqual({ next: 'enroll' });
    expect(await auditRows('user.totp_reset', user.id)).toHaveLength(1);
  });

  it('remembers who created an account and who last reset its credentials (the export approver rule reads them)', async () => {
    const me = (await demo.send('GET', '/api/v1/auth/me', undefined, secadmin)).json() as { id: string };
    const { user } = await createAccount([regionGrant('cadre', street.id)]);
    const provenance = () =>
      t.database.db
        .selectFrom('app_user')
        .select(['created_by', 'credentials_reset_by', 'credentials_reset_at'])
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
    expect(await provenance()).toEqual({
      created_by: me.id,
      credentials_reset_by: null,
      credentials_reset_at: null,
    });
    for (const reset of ['reset-password', 'reset-totp']) {
      const before = Date.now();
      expect((await demo.send('POST', `/api/v1/users/${user.id}/${reset}`, {}, secadmin)).status).toBe(200);
      const row = await provenance();
      expect(row.created_by).toBe(me.id);
      expect(row.credentials_reset_by).toBe(me.id);
      expect(row.credentials_reset_at?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    }
    // Accounts made by the seed or the command line have no administrator behind them.
    const seeded = await t.database.db
      .selectFrom('app_user')
      .select('created_by')
      .where('username', '=', 'leader')
      .executeTakeFirstOrThrow();
    expect(seeded.created_by).toBeNull();
  });

  it('refuses resets of oneself, of a deactivated account and of an unknown one, changing nothing', async () => {
    const me = (await demo.send('GET', '/api/v1/auth/me', undefined, secadmin)).json() as { id: string };
    expect((await demo.send('POST', `/api/v1/users/${me.id}/reset-password`, {}, secadmin)).status).toBe(409);
    expect((await demo.send('POST', `/api/v1/users/${me.id}/reset-totp`, {}, secadmin)).status).toBe(409);
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, secadmin)).status).toBe(200);

    const { user } = await createAccount([regionGrant('cadre', street.id)]);
    await demo.send('POST', `/api/v1/users/${user.id}/deactivate`, {}, secadmin);
    expect((await demo.send('POST', `/api/v1/users/${user.id}/reset-password`, {}, secadmin)).status).toBe(
      409,
    );
    expect((await demo.send('POST', `/api/v1/users/${uuidv7()}/reset-totp`, {}, secadmin)).status).toBe(404);
    expect(
      (await demo.send('POST', `/api/v1/users/${user.id}/reset-totp`, { force: true }, secadmin)).status,
    ).toBe(422);
    expect(await auditRows('user.password_reset', user.id)).toHaveLength(0);

    const leader = await demo.signIn('leader');
    expect((await demo.send('POST', `/api/v1/users/${user.id}/reset-password`, {}, leader)).status).toBe(403);
  });
});

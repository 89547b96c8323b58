import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SESSION_COOKIE } from '../../src/server/modules/auth/auth.service.ts';
import { createUserRepository } from '../../src/server/modules/users/users.repository.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-accounts.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type Send, totpCode } from '../support/auth.ts';
import { seedSmallDemo, userIdOf } from '../support/demo.ts';
import type { QueryCounter } from '../support/query-counter.ts';
import { countedSecondServer } from '../support/second-server.ts';

// Two servers on one database (issue 16 §3): A is the test app, B a second app over the same
// database whose queries are counted. Each keeps its own principals in memory; a change made
// through A must be honoured by B's very next request.

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let b: FastifyInstance;
let sendB: Send;
let counter: QueryCounter;
let districtCode: string;

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 20);
  ({ app: b, send: sendB, counter } = await countedSecondServer(t));
  const row = await t.database.db
    .selectFrom('app_user')
    .select('district_code')
    .where('username', '=', 'worker1')
    .executeTakeFirstOrThrow();
  districtCode = row.district_code;
});
afterAll(async () => {
  await b?.close();
  await t?.close();
});

const cookieOf = (setCookie: string | undefined) => (setCookie ?? '').split(';')[0] as string;
const cookieValue = (cookie: string) => cookie.slice(`${SESSION_COOKIE}=`.length);

const userId = (username: string) => userIdOf(t, username);

async function epoch() {
  const row = await t.database.db
    .selectFrom('auth_epoch')
    .select('version')
    .where('district_code', '=', districtCode)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** Resolves a cookie on server B and answers the principal with the statements it took. */
async function resolveOnB(cookie: string) {
  counter.statements = [];
  const principal = await b.ctx.services.auth.resolve(cookieValue(cookie));
  return { principal, statements: [...counter.statements] };
}

describe('principals kept in memory', () => {
  it('answers a signed-in request with one read of the auth version once the principal is kept', async () => {
    const cookie = await demo.signIn('worker1');
    const first = await resolveOnB(cookie);
    expect(first.principal?.username).toBe('worker1');
    // Not kept yet: the version, the session, the grants (and maybe the district's name).
    expect(first.statements.length).toBeGreaterThanOrEqual(3);

    const second = await resolveOnB(cookie);
    expect(second.principal).toEqual(first.principal);
    expect(second.statements).toHaveLength(1);
    expect(second.statements[0]).toContain('"auth_epoch"');
    expect(second.statements[0]).toContain('SelectQueryNode');

    // The same through HTTP: the route answers from the kept principal.
    expect((await sendB('GET', '/api/v1/auth/me', undefined, cookie)).status).toBe(200);
  });

  it('hands every request its own copy of a kept principal', async () => {
    const cookie = await demo.signIn('worker2');
    const first = (await resolveOnB(cookie)).principal;
    const grant = first?.grants[0];
    if (!first || !grant) throw new Error('worker2 did not resolve with a grant');
    const permissions = [...first.permissions].sort();
    const scopePath = grant.scopePath;
    first.permissions.add('users:write');
    first.grants.push({ ...grant, role: 'secadmin' });
    // A principal handed out from the kept one, changed in turn.
    const again = (await resolveOnB(cookie)).principal;
    if (!again?.grants[0]) throw new Error('worker2 did not resolve again');
    again.permissions.delete('regions:read');
    again.grants[0].scopePath = 'elsewhere';
    const third = await resolveOnB(cookie);
    expect(third.statements).toHaveLength(1);
    expect([...(third.principal?.permissions ?? [])].sort()).toEqual(permissions);
    expect(third.principal?.grants.map((g) => [g.role, g.scopePath])).toEqual([['grid_worker', scopePath]]);
  });

  it('ends a session signed out on one server on the other at once', async () => {
    const cookie = await demo.signIn('liaison');
    expect((await sendB('GET', '/api/v1/auth/me', undefined, cookie)).status).toBe(200);
    expect((await resolveOnB(cookie)).statements).toHaveLength(1);
    const before = await epoch();
    expect((await demo.send('POST', '/api/v1/auth/logout', {}, cookie)).status).toBe(204);
    expect(await epoch()).toBeGreaterThan(before);
    expect((await sendB('GET', '/api/v1/auth/me', undefined, cookie)).status).toBe(401);
  });

  it('refuses a deactivated account on the other server at once', async () => {
    const secadmin = await demo.signIn('secadmin');
    const cookie = await demo.signIn('supervisor');
    expect((await sendB('GET', '/api/v1/auth/me', undefined, cookie)).status).toBe(200);
    expect((await resolveOnB(cookie)).statements).toHaveLength(1);
    const res = await demo.send(
      'POST',
      `/api/v1/users/${await userId('supervisor')}/deactivate`,
      {},
      secadmin,
    );
    expect(res.status).toBe(200);
    expect((await sendB('GET', '/api/v1/auth/me', undefined, cookie)).status).toBe(401);
  });

  it('ends sessions whose grants an administrator changes, and the next sign-in carries the new ones', async () => {
    const secadmin = await demo.signIn('secadmin');
    const cookie = await demo.signIn('dispatcher');
    expect((await sendB('GET', '/api/v1/regions', undefined, cookie)).status).toBe(200);
    const changed = await demo.send(
      'PUT',
      `/api/v1/users/${await userId('dispatcher')}/grants`,
      { grants: [{ role: 'auditor', scopeRegionId: null }] },
      secadmin,
    );
    expect(changed.status).toBe(200);
    expect((await sendB('GET', '/api/v1/auth/me', undefined, cookie)).status).toBe(401);
    const again = await demo.signIn('dispatcher');
    expect((await sendB('GET', '/api/v1/audit/actions', undefined, again)).status).toBe(200);
    expect((await sendB('GET', '/api/v1/households', undefined, again)).status).toBe(403);
  });

  it('gives the other server the new permissions even when only the grant rows change', async () => {
    // Straight through the repository, with no use case ending the sessions: the repository's own
    // version bump is what makes server B read the grants again.
    const cookie = await demo.signIn('ddispatcher');
    const id = await userId('ddispatcher');
    expect((await sendB('GET', '/api/v1/regions', undefined, cookie)).status).toBe(200);
    expect((await resolveOnB(cookie)).statements).toHaveLength(1);
    const users = createUserRepository(t.database.db);
    const [grant] = await t.database.db
      .selectFrom('role_grant')
      .selectAll()
      .where('user_id', '=', id)
      .execute();
    if (!grant) throw new Error('ddispatcher has no grant');
    await users.deleteGrants(districtCode, id);
    expect((await sendB('GET', '/api/v1/regions', undefined, cookie)).status).toBe(403);
    await users.insertGrant({
      district_code: districtCode,
      id: uuidv7(),
      user_id: id,
      role: 'auditor',
      scope_region_id: null,
      scope_department_id: null,
    });
    expect((await sendB('GET', '/api/v1/audit/actions', undefined, cookie)).status).toBe(200);
    const me = (await sendB('GET', '/api/v1/auth/me', undefined, cookie)).json() as {
      roles: { role: string }[];
    };
    expect(me.roles.map((r) => r.role)).toEqual(['auditor']);
    expect(grant.role).toBe('dispatcher');
  });

  it('still touches the session once a minute without bumping the version, and ends an idle one', async () => {
    const cookie = await demo.signIn('leader');
    const sessionOf = () =>
      t.database.db
        .selectFrom('user_session as s')
        .innerJoin('app_user as u', (j) =>
          j.onRef('u.district_code', '=', 's.district_code').onRef('u.id', '=', 's.user_id'),
        )
        .select(['s.last_seen_at', 's.revoked_at'])
        .where('u.username', '=', 'leader')
        .where('s.mfa_passed', '=', true)
        .orderBy('s.created_at', 'desc')
        .executeTakeFirstOrThrow();
    await resolveOnB(cookie);
    expect((await resolveOnB(cookie)).statements).toHaveLength(1);
    const version = await epoch();
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(start + 61_000);
      const touched = await resolveOnB(cookie);
      expect(touched.principal?.username).toBe('leader');
      expect(touched.statements.some((s) => s.includes('UpdateQueryNode'))).toBe(true);
      expect((await sessionOf()).last_seen_at.getTime()).toBe(start + 61_000);
      expect(await epoch()).toBe(version);
      expect((await resolveOnB(cookie)).statements).toHaveLength(1);

      // Past the idle limit (30 minutes by default) the kept principal is not used: the session ends.
      vi.setSystemTime(start + 61_000 + 31 * 60_000);
      expect((await resolveOnB(cookie)).principal).toBeUndefined();
      expect((await sessionOf()).revoked_at).not.toBeNull();
    } finally {
      vi.useRealTimers();
    }
    expect((await sendB('GET', '/api/v1/auth/me', undefined, cookie)).status).toBe(401);
  });

  it('refuses the token sent before the second factor on the other server once it is passed', async () => {
    const login = await demo.send('POST', '/api/v1/auth/login', {
      username: 'handler',
      password: DEMO_PASSWORD,
    });
    const pre = cookieOf(login.setCookie);
    expect((await resolveOnB(pre)).principal?.mfaPassed).toBe(false);
    // Before its second factor a session is read from the database each time, never kept.
    expect((await resolveOnB(pre)).statements.length).toBeGreaterThan(1);
    const enrol = (await demo.send('POST', '/api/v1/auth/totp/enroll', {}, pre)).json() as { secret: string };
    const confirm = await demo.send(
      'POST',
      '/api/v1/auth/totp/confirm',
      { code: totpCode(enrol.secret, `auth-cache-${process.pid}:handler`) },
      pre,
    );
    expect(confirm.status).toBe(200);
    expect((await resolveOnB(pre)).principal).toBeUndefined();
    expect((await resolveOnB(cookieOf(confirm.setCookie))).principal?.mfaPassed).toBe(true);
  });

  it('signs in with a second factor without bumping the version, so kept principals stay kept', async () => {
    const kept = await demo.signIn('auditor');
    await resolveOnB(kept);
    expect((await resolveOnB(kept)).statements).toHaveLength(1);
    const before = await epoch();
    // The auditor has a second factor now (the first sign-in enrolled it): this one only passes it.
    const again = await demo.signIn('auditor');
    expect(await epoch()).toBe(before);
    expect((await resolveOnB(kept)).statements).toHaveLength(1);
    expect((await resolveOnB(again)).principal?.mfaPassed).toBe(true);
  });

  it('reads the account again on the other server after a password change', async () => {
    const cookie = await demo.signIn('handler2');
    await resolveOnB(cookie);
    expect((await resolveOnB(cookie)).statements).toHaveLength(1);
    const before = await epoch();
    const changed = await demo.send(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: DEMO_PASSWORD, newPassword: 'Another-Pass-2026!' },
      cookie,
    );
    expect(changed.status).toBe(200);
    expect(await epoch()).toBeGreaterThan(before);
    const after = await resolveOnB(cookie);
    expect(after.statements.length).toBeGreaterThan(1);
    expect(after.principal?.mustChangePassword).toBe(false);
  });
});

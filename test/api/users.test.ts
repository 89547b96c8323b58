import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { seedSmallDemo } from '../support/demo.ts';

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let secadmin: string;
beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 20);
  secadmin = await demo.signIn('secadmin');
});
afterAll(async () => t.close());

const grant = (role: string, scopeRegionId: string | null = null) => ({ role, scopeRegionId });

describe('account management by the security administrator', () => {
  it('creates an account with a one-time password that must be changed after the second factor', async () => {
    const res = await demo.send(
      'POST',
      '/api/v1/users',
      { username: 'new.worker', displayName: '新网格员', grants: [grant('grid_worker')] },
      secadmin,
    );
    expect(res.status).toBe(201);
    const { user, oneTimePassword } = res.json() as {
      user: { id: string; active: boolean };
      oneTimePassword: string;
    };
    expect(user.active).toBe(true);
    const login = await demo.send('POST', '/api/v1/auth/login', {
      username: 'new.worker',
      password: oneTimePassword,
    });
    expect(login.json()).toEqual({ next: 'enroll' });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.created')
      .where('object_id', '=', user.id)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses two administrator duties for one person, unknown fields, and regions outside the district', async () => {
    const duties = await demo.send(
      'POST',
      '/api/v1/users',
      { username: 'both.admin', displayName: 'x', grants: [grant('sysadmin'), grant('auditor')] },
      secadmin,
    );
    expect(duties.status).toBe(409);
    const extra = await demo.send(
      'POST',
      '/api/v1/users',
      { username: 'extra.field', displayName: 'x', grants: [grant('cadre')], active: false },
      secadmin,
    );
    expect(extra.status).toBe(422);
    const outside = await demo.send(
      'POST',
      '/api/v1/users',
      {
        username: 'far.away',
        displayName: 'x',
        grants: [grant('cadre', '01890a5d-ac96-774b-bcce-b302099a8057')],
      },
      secadmin,
    );
    expect(outside.status).toBe(422);
    const users = (await demo.send('GET', '/api/v1/users', undefined, secadmin)).json() as {
      items: { username: string }[];
    };
    expect(users.items.map((u) => u.username)).not.toEqual(
      expect.arrayContaining(['both.admin', 'extra.field', 'far.away']),
    );
  });

  it('ends the sessions of a deactivated account at once, and of one whose grants change', async () => {
    const workerCookie = await demo.signIn('worker1');
    const dispatcherCookie = await demo.signIn('dispatcher');
    const users = (await demo.send('GET', '/api/v1/users', undefined, secadmin)).json() as {
      items: { id: string; username: string }[];
    };
    const idOf = (name: string) => users.items.find((u) => u.username === name)?.id as string;

    const changed = await demo.send(
      'PUT',
      `/api/v1/users/${idOf('dispatcher')}/grants`,
      { grants: [grant('supervisor')] },
      secadmin,
    );
    expect(changed.status).toBe(200);
    expect((changed.json() as { grants: { role: string }[] }).grants.map((g) => g.role)).toEqual([
      'supervisor',
    ]);
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, dispatcherCookie)).status).toBe(401);

    const deactivated = await demo.send('POST', `/api/v1/users/${idOf('worker1')}/deactivate`, {}, secadmin);
    expect((deactivated.json() as { active: boolean }).active).toBe(false);
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, workerCookie)).status).toBe(401);
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['user.grants_changed', 'user.deactivated'])
      .execute();
    expect(rows.map((r) => r.action).sort()).toEqual(['user.deactivated', 'user.grants_changed']);
  });

  it('does not let a security administrator change their own grants or deactivate themselves', async () => {
    const me = (await demo.send('GET', '/api/v1/auth/me', undefined, secadmin)).json() as { id: string };
    expect(
      (
        await demo.send(
          'PUT',
          `/api/v1/users/${me.id}/grants`,
          { grants: [grant('secadmin'), grant('leader')] },
          secadmin,
        )
      ).status,
    ).toBe(409);
    expect((await demo.send('POST', `/api/v1/users/${me.id}/deactivate`, {}, secadmin)).status).toBe(409);
  });
});

import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-accounts.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { seedSmallDemo } from '../support/demo.ts';

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 50);
});
afterAll(async () => t.close());

const cookieOf = (setCookie: string | undefined) => (setCookie ?? '').split(';')[0] as string;

async function auditRows(action: string) {
  return t.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
}

describe('signing in', () => {
  it('needs the password, then enrolment of an authenticator, before anything else opens', async () => {
    const login = await demo.send('POST', '/api/v1/auth/login', {
      username: 'dispatcher',
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.json()).toEqual({ next: 'enroll' });
    expect(login.setCookie).toMatch(/HttpOnly/i);
    expect(login.setCookie).toMatch(/SameSite=Strict/i);
    const cookie = cookieOf(login.setCookie);
    // Password alone does not open the API.
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, cookie)).status).toBe(401);
    expect((await demo.send('GET', '/api/v1/regions', undefined, cookie)).status).toBe(401);

    const enrol = (await demo.send('POST', '/api/v1/auth/totp/enroll', {}, cookie)).json() as {
      secret: string;
      otpauthUri: string;
      qrSvgDataUrl: string;
    };
    expect(enrol.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrol.qrSvgDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const totp = new TOTP({
      secret: Secret.fromBase32(enrol.secret),
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    });
    expect(
      (
        await demo.send(
          'POST',
          '/api/v1/auth/totp/confirm',
          { code: '000000' === totp.generate() ? '111111' : '000000' },
          cookie,
        )
      ).status,
    ).toBe(422);
    const code = totp.generate();
    const confirm = await demo.send('POST', '/api/v1/auth/totp/confirm', { code }, cookie);
    expect(confirm.status).toBe(200);
    const { recoveryCodes, next } = confirm.json() as { recoveryCodes: string[]; next: string };
    expect(next).toBe('done');
    expect(recoveryCodes).toHaveLength(10);
    const me = await demo.send('GET', '/api/v1/auth/me', undefined, cookie);
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({
      username: 'dispatcher',
      roles: [{ role: 'dispatcher', scopeName: '宁围街道' }],
    });

    // Second sign-in: the same code (same time step) is refused; a recovery code works once.
    const again = cookieOf(
      (await demo.send('POST', '/api/v1/auth/login', { username: 'dispatcher', password: DEMO_PASSWORD }))
        .setCookie,
    );
    expect((await demo.send('POST', '/api/v1/auth/totp', { code }, again)).status).toBe(401);
    const recovery = await demo.send('POST', '/api/v1/auth/recovery', { code: recoveryCodes[0] }, again);
    expect(recovery.json()).toEqual({ next: 'done' });
    const third = cookieOf(
      (await demo.send('POST', '/api/v1/auth/login', { username: 'dispatcher', password: DEMO_PASSWORD }))
        .setCookie,
    );
    expect((await demo.send('POST', '/api/v1/auth/recovery', { code: recoveryCodes[0] }, third)).status).toBe(
      401,
    );
  });

  it('answers a wrong password and an unknown user alike, and audits both', async () => {
    const before = new Set((await auditRows('auth.sign_in')).map((r) => r.id));
    const wrong = await demo.send('POST', '/api/v1/auth/login', {
      username: 'leader',
      password: 'not-the-password',
    });
    const unknown = await demo.send('POST', '/api/v1/auth/login', {
      username: 'nobody-here',
      password: 'whatever',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((wrong.json() as { detail: string }).detail).toBe((unknown.json() as { detail: string }).detail);
    // An unknown name belongs to no district: it goes on the deployment-wide chain.
    const rows = (await auditRows('auth.sign_in')).filter((r) => !before.has(r.id));
    expect(rows.map((r) => [r.actor_name, r.result, r.district_code]).sort()).toEqual([
      ['leader', 'failure', '330109'],
      ['nobody-here', 'failure', '000000'],
    ]);
  });

  it('throttles an account after repeated failures, temporarily, without locking out the right password forever', async () => {
    for (let i = 0; i < 5; i++) {
      await demo.send('POST', '/api/v1/auth/login', { username: 'worker2', password: `wrong-${i}` });
    }
    const blocked = await demo.send('POST', '/api/v1/auth/login', {
      username: 'worker2',
      password: DEMO_PASSWORD,
    });
    expect(blocked.status).toBe(429);
    expect((blocked.json() as { code: string }).code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const row = await t.database.db
      .selectFrom('auth_throttle')
      .selectAll()
      .where('key', '=', 'user:worker2')
      .executeTakeFirstOrThrow();
    const minutes = ((row.blocked_until as Date).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeLessThanOrEqual(15);
    // When the block has passed, the right password works again.
    await t.database.db
      .updateTable('auth_throttle')
      .set({ blocked_until: new Date(Date.now() - 1000) })
      .where('key', '=', 'user:worker2')
      .execute();
    expect(
      (await demo.send('POST', '/api/v1/auth/login', { username: 'worker2', password: DEMO_PASSWORD }))
        .status,
    ).toBe(200);
  });

  it('signs out by revoking the session in the database', async () => {
    const cookie = await demo.signIn('leader');
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, cookie)).status).toBe(200);
    expect((await demo.send('POST', '/api/v1/auth/logout', {}, cookie)).status).toBe(204);
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, cookie)).status).toBe(401);
    expect((await auditRows('auth.sign_out')).length).toBeGreaterThan(0);
  });

  it('ends idle sessions and the sessions of a deactivated user at once', async () => {
    const idle = await demo.signIn('auditor');
    await t.database.db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .execute();
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, idle)).status).toBe(401);

    const active = await demo.signIn('secadmin');
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, active)).status).toBe(200);
    await t.database.db
      .updateTable('app_user')
      .set({ active: false })
      .where('username', '=', 'secadmin')
      .execute();
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, active)).status).toBe(401);
  });

  it('enforces the password policy when changing a password', async () => {
    const cookie = await demo.signIn('sysadmin');
    const weak = await demo.send(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: DEMO_PASSWORD, newPassword: 'abc123' },
      cookie,
    );
    expect(weak.status).toBe(422);
    const reasons = (weak.json() as { errors: { reason: string }[] }).errors.map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['too_short', 'too_simple', 'common']));
    const ok = await demo.send(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: DEMO_PASSWORD, newPassword: 'Str0ng&Unusual-2026' },
      cookie,
    );
    expect(ok.json()).toEqual({ next: 'done' });
  });
});

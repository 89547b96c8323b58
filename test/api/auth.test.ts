import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createContext } from '../../src/server/context.ts';
import { createAuthRepository } from '../../src/server/modules/auth/auth.repository.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-accounts.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase } from '../support/db.ts';
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
    // The session continues under a new cookie (see the second factor below).
    const me = await demo.send('GET', '/api/v1/auth/me', undefined, cookieOf(confirm.setCookie));
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
    // From one address, the (address, account) pair is blocked (app.inject comes from 127.0.0.1).
    const row = await t.database.db
      .selectFrom('auth_throttle')
      .selectAll()
      .where('key', '=', 'pair:127.0.0.1|worker2')
      .executeTakeFirstOrThrow();
    const minutes = ((row.blocked_until as Date).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeLessThanOrEqual(15);
    // When the block has passed, the right password works again.
    await t.database.db
      .updateTable('auth_throttle')
      .set({ blocked_until: new Date(Date.now() - 1000) })
      .where('key', '=', 'pair:127.0.0.1|worker2')
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
    const [secadmin] = await createAuthRepository(t.database.db).findUsersByUsername('secadmin');
    if (!secadmin) throw new Error('no secadmin');
    // Through the repository, which bumps the district's auth version: the server keeps resolved
    // principals while it is unchanged (auth.service.ts).
    await createAuthRepository(t.database.db).updateUser(secadmin.district_code, secadmin.id, {
      active: false,
    });
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
    // A wrong current password is refused and audited.
    const wrong = await demo.send(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: 'not-my-password', newPassword: 'Str0ng&Unusual-2026' },
      cookie,
    );
    expect(wrong.status).toBe(401);
    const denied = await t.database.db
      .selectFrom('audit_log')
      .select('result')
      .where('action', '=', 'auth.password_changed')
      .execute();
    expect(denied.map((r) => r.result)).toEqual(['denied']);
    // Changed, it signs the account out everywhere else; the session that changed it stays.
    const elsewhere = await demo.signIn('sysadmin');
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, elsewhere)).status).toBe(200);
    const ok = await demo.send(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: DEMO_PASSWORD, newPassword: 'Str0ng&Unusual-2026' },
      cookie,
    );
    expect(ok.json()).toEqual({ next: 'done' });
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, elsewhere)).status).toBe(401);
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, cookie)).status).toBe(200);
  });
});

const totpOf = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });

/** A code that no time step near now accepts. */
function wrongCode(secret: string): string {
  const near = new Set(
    [-2, -1, 0, 1, 2].map((d) => totpOf(secret).generate({ timestamp: Date.now() + d * 30_000 })),
  );
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

/** Enrols an authenticator for a demo account; answers its secret and the session cookie after it. */
async function enrolled(username: string) {
  const login = await demo.send('POST', '/api/v1/auth/login', { username, password: DEMO_PASSWORD });
  expect(login.json()).toEqual({ next: 'enroll' });
  const before = cookieOf(login.setCookie);
  const { secret } = (await demo.send('POST', '/api/v1/auth/totp/enroll', {}, before)).json() as {
    secret: string;
  };
  const confirm = await demo.send(
    'POST',
    '/api/v1/auth/totp/confirm',
    { code: totpOf(secret).generate() },
    before,
  );
  expect(confirm.status).toBe(200);
  let lastStep = Math.floor(Date.now() / 30_000);
  return {
    secret,
    before,
    after: cookieOf(confirm.setCookie),
    recoveryCodes: (confirm.json() as { recoveryCodes: string[] }).recoveryCodes,
    /** The next code the server will accept (a code works once). */
    nextCode() {
      lastStep = Math.max(Math.floor(Date.now() / 30_000), lastStep + 1);
      return totpOf(secret).generate({ timestamp: lastStep * 30_000 });
    },
  };
}

const passwordStep = async (username: string) => {
  const login = await demo.send('POST', '/api/v1/auth/login', { username, password: DEMO_PASSWORD });
  expect(login.status).toBe(200);
  return cookieOf(login.setCookie);
};

const throttleRow = (key: string) =>
  t.database.db.selectFrom('auth_throttle').selectAll().where('key', '=', key).executeTakeFirst();

describe('the second factor (issue 10 §2)', () => {
  it('gives the session a new token once the second factor is passed: the old one stops working', async () => {
    const account = await enrolled('liaison');
    expect(account.after).toMatch(/^mq_session=\d{6}\./);
    expect(account.after).not.toBe(account.before);
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, account.before)).status).toBe(401);
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, account.after)).status).toBe(200);

    // The TOTP step and the recovery code step rotate it too.
    for (const step of ['totp', 'recovery'] as const) {
      const before = await passwordStep('liaison');
      const res =
        step === 'totp'
          ? await demo.send('POST', '/api/v1/auth/totp', { code: account.nextCode() }, before)
          : await demo.send('POST', '/api/v1/auth/recovery', { code: account.recoveryCodes[0] }, before);
      expect(res.json()).toEqual({ next: 'done' });
      expect(res.setCookie).toMatch(/HttpOnly/i);
      const after = cookieOf(res.setCookie);
      expect(after).not.toBe(before);
      expect((await demo.send('GET', '/api/v1/auth/me', undefined, before)).status).toBe(401);
      expect((await demo.send('GET', '/api/v1/regions', undefined, before)).status).toBe(401);
      expect((await demo.send('GET', '/api/v1/auth/me', undefined, after)).status).toBe(200);
    }
  });

  it('counts wrong codes per account across password steps: {right password; four wrong codes} gets blocked', async () => {
    const account = await enrolled('handler');
    const { id, district_code } = await t.database.db
      .selectFrom('app_user')
      .select(['id', 'district_code'])
      .where('username', '=', 'handler')
      .executeTakeFirstOrThrow();
    const key = `mfa:${district_code}.${id}`;
    const wrong = wrongCode(account.secret);

    // The attack as reported: a correct password between every four wrong codes.
    const statuses: number[] = [];
    for (let round = 0; round < 4 && !statuses.includes(429); round++) {
      const cookie = await passwordStep('handler');
      for (let i = 0; i < 4; i++) {
        statuses.push((await demo.send('POST', '/api/v1/auth/totp', { code: wrong }, cookie)).status);
      }
    }
    // The fifth wrong code, in the second password step, blocks the account's second factor.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const blocked = await throttleRow(key);
    expect(blocked?.failures).toBe(5);
    const minutes = ((blocked?.blocked_until ?? new Date(0)).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeLessThanOrEqual(1);

    // While blocked, a new password step does not help and the right code is refused too.
    const fresh = await passwordStep('handler');
    // (The current code, not taken from nextCode(): the server never reaches it, so it stays unused.)
    const current = totpOf(account.secret).generate();
    const refused = await demo.send('POST', '/api/v1/auth/totp', { code: current }, fresh);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const recovery = await demo.send(
      'POST',
      '/api/v1/auth/recovery',
      { code: account.recoveryCodes[0] },
      fresh,
    );
    expect(recovery.status).toBe(429);
    expect((await throttleRow(key))?.failures).toBe(5);

    // After the block, the next wrong code blocks again for twice as long: never for good.
    await t.database.db
      .updateTable('auth_throttle')
      .set({ blocked_until: new Date(Date.now() - 1000) })
      .where('key', '=', key)
      .execute();
    const again = await passwordStep('handler');
    expect((await demo.send('POST', '/api/v1/auth/totp', { code: wrong }, again)).status).toBe(401);
    const doubled = await throttleRow(key);
    expect(doubled?.failures).toBe(6);
    const longer = ((doubled?.blocked_until ?? new Date(0)).getTime() - Date.now()) / 60_000;
    expect(longer).toBeGreaterThan(1);
    expect(longer).toBeLessThanOrEqual(2);

    // Once the block has passed, the right code works and clears the count.
    await t.database.db
      .updateTable('auth_throttle')
      .set({ blocked_until: new Date(Date.now() - 1000) })
      .where('key', '=', key)
      .execute();
    const last = await passwordStep('handler');
    const ok = await demo.send('POST', '/api/v1/auth/totp', { code: account.nextCode() }, last);
    expect(ok.json()).toEqual({ next: 'done' });
    expect(await throttleRow(key)).toBeUndefined();
    const rows = (await auditRows('auth.totp')).filter((r) => r.object_id === id);
    expect(rows.filter((r) => r.result === 'failure')).toHaveLength(6);
  });
});

describe('the second factor under concurrent attempts', () => {
  it('queues attempts on one account: a burst of wrong codes gets exactly the allowance', async () => {
    const account = await enrolled('supervisor');
    const wrong = wrongCode(account.secret);
    const sessions = [await passwordStep('supervisor'), await passwordStep('supervisor')];
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        demo.send('POST', '/api/v1/auth/totp', { code: wrong }, sessions[i % 2]).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });
});

/** A password step from a given client address (app.inject's remote address). */
async function loginFrom(app: TestApp['app'], address: string, username: string, password: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: address,
  });
  return res.statusCode;
}

describe('failed sign-ins from one address (issue 10 §8)', () => {
  it('blocks the (address, account) pair, not the other accounts behind the address', async () => {
    const office = '10.8.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push(await loginFrom(t.app, office, 'worker1', `wrong-${i}`));
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    // The owner, from another address, is not blocked by someone else's guesses.
    expect(await loginFrom(t.app, '10.8.0.2', 'worker1', DEMO_PASSWORD)).toBe(200);
    // Nor are the colleagues behind the same address, even after more than 30 failures from it
    // spread over many names (the old per-address block).
    for (let n = 0; n < 9; n++) {
      for (let i = 0; i < 4; i++) {
        expect(await loginFrom(t.app, office, `nobody.${n}`, `wrong-${i}`)).toBe(401);
      }
    }
    expect(await loginFrom(t.app, office, 'supervisor', DEMO_PASSWORD)).toBe(200);
    expect(await loginFrom(t.app, office, 'handler2', DEMO_PASSWORD)).toBe(200);
  });

  it('still blocks an account guessed at from many addresses, temporarily', async () => {
    for (let i = 0; i < 10; i++) {
      expect(await loginFrom(t.app, `10.9.0.${i + 1}`, 'dispatcher', `wrong-${i}`)).toBe(401);
    }
    expect(await loginFrom(t.app, '10.9.1.1', 'dispatcher', DEMO_PASSWORD)).toBe(429);
    const row = await throttleRow('user:dispatcher');
    const minutes = ((row?.blocked_until ?? new Date(0)).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it('keeps a plain per-address ceiling, set by MINQING_SIGNIN_ADDRESS_FAILURES', async () => {
    const small = await createTestApp({ MINQING_SIGNIN_ADDRESS_FAILURES: '10' });
    try {
      for (let n = 0; n < 10; n++)
        expect(await loginFrom(small.app, '10.7.0.1', `someone.${n}`, 'x')).toBe(401);
      // Over the ceiling every name from that address waits; another address does not.
      expect(await loginFrom(small.app, '10.7.0.1', 'someone.else', 'x')).toBe(429);
      expect(await loginFrom(small.app, '10.7.0.2', 'someone.else', 'x')).toBe(401);
      const row = await small.database.db
        .selectFrom('auth_throttle')
        .selectAll()
        .where('key', '=', 'ip:10.7.0.1')
        .executeTakeFirstOrThrow();
      expect(row.failures).toBe(10);
    } finally {
      await small.close();
    }
  });

  it('warns once when requests come through a proxy that is not trusted', async () => {
    const lines: string[] = [];
    const run = async (env: Record<string, string>) => {
      const database = await createTestDatabase();
      const config = loadConfig({ LOG_LEVEL: 'warn', MINQING_PII_KEY: `${'A'.repeat(43)}=`, ...env });
      const app = await buildApp(createContext(config, database), {
        logStream: { write: (l) => lines.push(l) },
      });
      try {
        for (let i = 0; i < 3; i++) {
          await app.inject({
            method: 'GET',
            url: '/healthz',
            headers: { 'x-forwarded-for': `203.0.113.${i}` },
          });
        }
      } finally {
        await app.close();
        await database.close();
      }
      return lines.splice(0).filter((l) => l.includes('MINQING_TRUST_PROXY'));
    };
    const untrusted = await run({});
    expect(untrusted).toHaveLength(1);
    expect(JSON.parse(untrusted[0] as string)).toMatchObject({ level: 40, event: 'untrusted_proxy' });
    expect(await run({ MINQING_TRUST_PROXY: 'true' })).toEqual([]);
  });
});

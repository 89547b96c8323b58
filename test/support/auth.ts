import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { SESSION_COOKIE } from '../../src/server/modules/auth/auth.service.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-accounts.ts';

/** One HTTP exchange, so the same sign-in walk drives `app.inject()` and a real server. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Send = (
  method: Method,
  url: string,
  body: unknown,
  cookie?: string,
  /** Extra request headers (If-Match, Idempotency-Key). */
  headers?: Record<string, string>,
) => Promise<{
  status: number;
  json: () => unknown;
  /** The raw body (downloads such as XLSX are not JSON). */
  text: () => string;
  setCookie: string | undefined;
  headers: Record<string, string>;
}>;

export function injectSender(app: FastifyInstance): Send {
  return async (method, url, body, cookie, extra) => {
    const res = await app.inject({
      method,
      url,
      ...(method !== 'GET' ? { payload: (body ?? {}) as object } : {}),
      headers: { ...(cookie ? { cookie } : {}), ...extra },
    });
    const raw = res.headers['set-cookie'];
    const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)]));
    return {
      status: res.statusCode,
      json: () => res.json(),
      text: () => res.body,
      setCookie: Array.isArray(raw) ? raw[0] : raw,
      headers,
    };
  };
}

export function fetchSender(baseUrl: string): Send {
  return async (method, url, body, cookie, extra) => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(method !== 'GET' ? { 'content-type': 'application/json' } : {}),
        ...extra,
      },
      ...(method !== 'GET' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      json: () => JSON.parse(text),
      text: () => text,
      setCookie: res.headers.get('set-cookie') ?? undefined,
      headers: Object.fromEntries(res.headers.entries()),
    };
  };
}

/** Authenticator secrets enrolled so far, so a second sign-in can compute the next code. */
const secrets = new Map<string, string>();
const lastSteps = new Map<string, number>();

export function totpCode(secret: string, key: string): string {
  // A code works once: use a step after the last one this test used for the account.
  const now = Math.floor(Date.now() / 30_000);
  const step = Math.max(now, (lastSteps.get(key) ?? now - 1) + 1);
  lastSteps.set(key, step);
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: step * 30_000,
  });
}

/**
 * Signs in with password and TOTP (enrolling on first use) and returns the session cookie.
 * `key` separates accounts of different test databases that share a username.
 */
export async function signIn(
  send: Send,
  username: string,
  key: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const login = await send('POST', '/api/v1/auth/login', { username, password });
  if (login.status !== 200)
    throw new Error(`login ${username}: ${login.status} ${JSON.stringify(login.json())}`);
  const cookieOf = (setCookie: string | undefined) => (setCookie ?? '').split(';')[0] as string;
  let cookie = cookieOf(login.setCookie);
  if (!cookie.startsWith(`${SESSION_COOKIE}=`)) throw new Error('no session cookie');
  const { next } = login.json() as { next: string };
  const account = `${key}:${username}`;
  if (next === 'enroll') {
    const enrol = (await send('POST', '/api/v1/auth/totp/enroll', {}, cookie)).json() as { secret: string };
    secrets.set(account, enrol.secret);
    const confirm = await send(
      'POST',
      '/api/v1/auth/totp/confirm',
      { code: totpCode(enrol.secret, account) },
      cookie,
    );
    if (confirm.status !== 200) throw new Error(`confirm ${username}: ${confirm.status}`);
    // A passed second factor rotates the session token.
    cookie = cookieOf(confirm.setCookie);
  } else if (next === 'totp') {
    const secret = secrets.get(account);
    if (!secret) throw new Error(`no known authenticator for ${account}`);
    const totp = await send('POST', '/api/v1/auth/totp', { code: totpCode(secret, account) }, cookie);
    if (totp.status !== 200)
      throw new Error(`totp ${username}: ${totp.status} ${JSON.stringify(totp.json())}`);
    cookie = cookieOf(totp.setCookie);
  }
  return cookie;
}

/**
 * signIn as a client does against a server that may be shedding load (503 OVERLOADED, answered
 * before any route runs, e.g. while a busy machine slows its start-up work): it tries again a
 * moment later.
 */
export async function signInWhenAdmitted(send: Send, username: string, key: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await signIn(send, username, key);
    } catch (error) {
      if (attempt >= 20 || !String(error).includes(': 503 ')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

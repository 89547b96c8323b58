import { type Me, meSchema } from '../../../src/shared/domain/auth.ts';
import {
  type HouseholdDetail,
  householdDetailSchema,
  householdListSchema,
} from '../../../src/shared/domain/household.ts';
import { type Meta, metaSchema } from '../../../src/shared/domain/meta.ts';
import { type RegionNode, regionListSchema } from '../../../src/shared/domain/region.ts';
import type { Accounts } from './accounts.ts';

/** What the server says, read directly, so tests compare the page with the data and not with guesses. */
export async function fetchMeta(origin: string): Promise<Meta> {
  const response = await fetch(`${origin}/api/v1/meta`);
  return metaSchema.parse(await response.json());
}

export async function demoPassword(origin: string): Promise<string> {
  const meta = await fetchMeta(origin);
  if (!meta.demoLogin) throw new Error('the e2e server has no demo accounts (meta.demoLogin is null)');
  return meta.demoLogin.password;
}

const SESSION_COOKIE = 'mq_session';

/** The session cookie a response set, if any. */
function sessionCookieOf(response: Response): { name: string; value: string } | undefined {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (pair && eq > 0 && pair.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = pair.slice(eq + 1).trim();
      if (value) return { name: SESSION_COOKIE, value };
    }
  }
  return undefined;
}

/**
 * Node's fetch signed in as a demo account, with a one-cookie jar. Reuses the run's session for
 * the account when it is still valid; otherwise signs in through the API (enrolling the
 * authenticator when the account has none yet, and recording it for the browser tests too).
 */
export class ApiSession {
  private readonly origin: string;
  private cookie: { name: string; value: string };

  private constructor(origin: string, cookie: { name: string; value: string }) {
    this.origin = origin;
    this.cookie = cookie;
  }

  static async signIn(origin: string, accounts: Accounts, username: string): Promise<ApiSession> {
    const cached = accounts.get(username).cookie;
    if (cached) {
      const session = new ApiSession(origin, cached);
      if ((await session.get('/api/v1/auth/me')).status === 200) return session;
      accounts.forgetSession(username);
    }
    const password = accounts.get(username).password ?? (await demoPassword(origin));
    const login = await fetch(`${origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (login.status !== 200)
      throw new Error(`API sign-in of ${username}: ${login.status} ${await login.text()}`);
    const cookie = sessionCookieOf(login);
    if (!cookie) throw new Error('the password step set no session cookie');
    const session = new ApiSession(origin, cookie);
    let next = ((await login.json()) as { next: string }).next;
    for (let guard = 0; next !== 'done'; guard += 1) {
      if (guard > 4) throw new Error(`API sign-in of ${username} did not finish (${next})`);
      if (next === 'enroll') {
        const enrollment = (await (await session.post('/api/v1/auth/totp/enroll', {})).json()) as {
          secret: string;
        };
        accounts.update(username, { secret: enrollment.secret });
        const confirm = await session.post('/api/v1/auth/totp/confirm', {
          code: await accounts.nextTotpCode(username),
        });
        if (confirm.status !== 200) throw new Error(`enrolment of ${username}: ${confirm.status}`);
        session.rotated(confirm);
        const body = (await confirm.json()) as { next: string; recoveryCodes: string[] };
        accounts.update(username, { recoveryCodes: body.recoveryCodes });
        next = body.next;
      } else if (next === 'totp') {
        const answer = await session.post('/api/v1/auth/totp', {
          code: await accounts.nextTotpCode(username),
        });
        if (answer.status !== 200)
          throw new Error(`TOTP of ${username}: ${answer.status} ${await answer.text()}`);
        session.rotated(answer);
        next = ((await answer.json()) as { next: string }).next;
      } else {
        throw new Error(`API sign-in of ${username} needs "${next}", which the tests do not do`);
      }
    }
    accounts.update(username, { cookie: session.cookie });
    return session;
  }

  /** A passed second factor sets a new session cookie; the one from the password step stops working. */
  private rotated(response: Response): void {
    this.cookie = sessionCookieOf(response) ?? this.cookie;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { accept: 'application/json', cookie: `${this.cookie.name}=${this.cookie.value}`, ...extra };
  }

  get(path: string): Promise<Response> {
    return fetch(`${this.origin}${path}`, { headers: this.headers() });
  }

  post(path: string, body: object, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.origin}${path}`, {
      method: 'POST',
      headers: this.headers({ ...headers, 'content-type': 'application/json' }),
      body: JSON.stringify(body),
    });
  }

  private async json(path: string): Promise<unknown> {
    const response = await this.get(path);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  async me(): Promise<Me> {
    return meSchema.parse(await this.json('/api/v1/auth/me'));
  }

  async regions(parentId?: string): Promise<RegionNode[]> {
    const query = parentId ? `?parentId=${encodeURIComponent(parentId)}` : '';
    return regionListSchema.parse(await this.json(`/api/v1/regions${query}`)).items;
  }

  async households(query: Record<string, string> = {}) {
    return householdListSchema.parse(await this.json(`/api/v1/households?${new URLSearchParams(query)}`));
  }

  async household(id: string): Promise<HouseholdDetail> {
    return householdDetailSchema.parse(await this.json(`/api/v1/households/${id}`));
  }
}

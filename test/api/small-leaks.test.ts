import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src/shared/domain/case.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addEnterprises } from '../support/enterprises.ts';

/**
 * Issue 10, item 9 ("small leaks"), each reproduced as the review found it: a linked case outside
 * the caller's scope told apart from an unknown one, households listed to a liaison, 422 before
 * 401, answers without no-store or Permissions-Policy, and state changes accepted from another site.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const users: Record<string, { id: string; regionId: string | null; path: string | null }> = {};
let gridA: { id: string; path: string; district_code: string };
let gridB: { id: string; path: string; district_code: string };

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 30);
  for (const g of await demoGrants(t))
    users[g.username] = { id: g.user_id, regionId: g.region_id, path: g.path };
  gridA = await firstGridBelow(t, users.worker1?.path as string);
  gridB = await firstGridBelow(t, users.worker2?.path as string);
  for (const u of ['worker1', 'worker2', 'dispatcher', 'liaison', 'leader', 'auditor'])
    cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

const newCase = (regionId: string, extra: Record<string, unknown> = {}) => ({
  channel: 'visit',
  kind: 'help',
  urgency: 'important',
  title: '小区路灯不亮',
  description: '小区路灯不亮，晚上出行不便，居民反映多次。',
  regionId,
  reporter: { type: 'resident', name: '张三' },
  ...extra,
});

const caseCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('case_record')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('linkedCaseId', () => {
  it('refuses a linked case outside the caller’s scope exactly like an unknown one, creating nothing', async () => {
    const other = await demo.send('POST', '/api/v1/cases', newCase(gridB.id), cookies.worker2);
    expect(other.status).toBe(201);
    const before = await caseCount();
    const outside = await demo.send(
      'POST',
      '/api/v1/cases',
      newCase(gridA.id, { linkedCaseId: (other.json() as { id: string }).id }),
      cookies.worker1,
    );
    const unknown = await demo.send(
      'POST',
      '/api/v1/cases',
      newCase(gridA.id, { linkedCaseId: uuidv7() }),
      cookies.worker1,
    );
    expect(outside.status).toBe(422);
    expect(unknown.status).toBe(outside.status);
    const strip = (body: unknown) => {
      const { requestId: _ignored, ...rest } = body as { requestId: string };
      return rest;
    };
    expect(strip(outside.json())).toEqual(strip(unknown.json()));
    expect((outside.json() as { code: string }).code).toBe('VALIDATION_FAILED');
    expect(outside.text()).not.toContain((other.json() as { number: string }).number);
    expect(await caseCount()).toBe(before);
  });

  it('never shows the number of a linked case outside the reader’s scope on the case page', async () => {
    const target = (await demo.send('POST', '/api/v1/cases', newCase(gridB.id), cookies.worker2)).json() as {
      id: string;
      number: string;
    };
    // The street's dispatcher reaches both communities and may link them.
    const linked = await demo.send(
      'POST',
      '/api/v1/cases',
      newCase(gridA.id, { linkedCaseId: target.id }),
      cookies.dispatcher,
    );
    expect(linked.status).toBe(201);
    const { id, number } = linked.json() as { id: string; number: string };
    const read = async (user: string, caseId: string) => {
      const res = await demo.send('GET', `/api/v1/cases/${caseId}`, undefined, cookies[user]);
      expect(res.status).toBe(200);
      return { body: res.json() as CaseDetail, text: res.text() };
    };
    const byDispatcher = await read('dispatcher', id);
    expect(byDispatcher.body.linkedCase).toEqual({ id: target.id, number: target.number });
    // The worker of community A reads the case but not the one in community B it points at.
    const byWorker1 = await read('worker1', id);
    expect(byWorker1.body.linkedCase).toBeNull();
    expect(byWorker1.text).not.toContain(target.number);
    expect(byWorker1.text).not.toContain(target.id);
    // Nor does the worker of community B learn of the case in A that points at theirs.
    const byWorker2 = await read('worker2', target.id);
    expect(byWorker2.body.relatedCases).toEqual([]);
    expect(byWorker2.text).not.toContain(number);
    expect((await read('dispatcher', target.id)).body.relatedCases).toEqual([
      { id, number, relation: 'linked' },
    ]);
  });
});

describe('a liaison and households', () => {
  let street: { id: string; path: string };
  let addresses: string[];
  let enterprise: string;

  beforeAll(async () => {
    street = { id: users.liaison?.regionId as string, path: users.liaison?.path as string };
    const db = t.database.db;
    // A grid of community A that has households; the liaison joins its visit team, so the grid's
    // households are on their list.
    const grid = await db
      .selectFrom('household as h')
      .innerJoin('region as g', (j) =>
        j.onRef('g.district_code', '=', 'h.district_code').onRef('g.id', '=', 'h.grid_id'),
      )
      .select(['g.id', 'g.path', 'g.district_code'])
      .where('h.region_path', 'like', `${users.worker1?.path}.%`)
      .orderBy('g.path')
      .executeTakeFirstOrThrow();
    // And answers for (包联) an enterprise of the community.
    [enterprise] = (await addEnterprises(t, users.worker1?.path as string, 1)) as [string];
    const { region_path } = await db
      .selectFrom('enterprise')
      .select('region_path')
      .where('id', '=', enterprise)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('visit_assignment')
      .values({
        district_code: grid.district_code,
        id: uuidv7(),
        user_id: users.liaison?.id as string,
        subject_type: 'enterprise',
        subject_id: enterprise,
        region_path,
        created_by: users.leader?.id as string,
        created_at: new Date(),
      })
      .execute();
    const team = uuidv7();
    await db
      .insertInto('visit_team')
      .values({
        district_code: grid.district_code,
        id: team,
        grid_id: grid.id,
        grid_path: grid.path,
        name: '测试走访组',
        created_at: new Date(),
      })
      .execute();
    await db
      .insertInto('visit_team_member')
      .values({
        district_code: grid.district_code,
        team_id: team,
        user_id: users.liaison?.id as string,
        role: 'worker',
      })
      .execute();
    addresses = (
      await db.selectFrom('household').select('address').where('grid_id', '=', grid.id).execute()
    ).map((h) => h.address);
    expect(addresses.length).toBeGreaterThan(0);
  });

  it('does not list unvisited households to a liaison, only enterprises', async () => {
    const households = await demo.send(
      'GET',
      `/api/v1/coverage/unvisited?regionId=${street.id}&target=household&limit=200`,
      undefined,
      cookies.liaison,
    );
    expect(households.status).toBe(403);
    expect((households.json() as { code: string }).code).toBe('FORBIDDEN');
    expect(addresses.some((a) => households.text().includes(a))).toBe(false);
    const enterprises = await demo.send(
      'GET',
      `/api/v1/coverage/unvisited?regionId=${street.id}&target=enterprise&limit=200`,
      undefined,
      cookies.liaison,
    );
    expect(enterprises.status).toBe(200);
    const page = enterprises.json() as { items: { id: string; type: string }[] };
    expect(page.items.map((i) => i.id)).toContain(enterprise);
    expect(page.items.every((i) => i.type === 'enterprise')).toBe(true);
    // A leader, who reads households, still gets them.
    const byLeader = await demo.send(
      'GET',
      `/api/v1/coverage/unvisited?regionId=${street.id}&target=household&limit=5`,
      undefined,
      cookies.leader,
    );
    expect(byLeader.status).toBe(200);
    expect((byLeader.json() as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it('leaves households off a liaison’s visit-day list, and keeps them for a caller who reads households', async () => {
    const own = await demo.send('GET', '/api/v1/visit-days/next?limit=200', undefined, cookies.liaison);
    expect(own.status).toBe(200);
    const list = own.json() as { items: { id: string; type: string }[] };
    expect(list.items.map((i) => i.id)).toContain(enterprise);
    expect(list.items.filter((i) => i.type === 'household')).toEqual([]);
    expect(addresses.some((a) => own.text().includes(a))).toBe(false);
    const byLeader = await demo.send(
      'GET',
      `/api/v1/visit-days/next?userId=${users.liaison?.id}&limit=200`,
      undefined,
      cookies.leader,
    );
    expect(byLeader.status).toBe(200);
    const types = (byLeader.json() as { items: { type: string }[] }).items.map((i) => i.type);
    expect(types).toContain('household');
    expect(types).toContain('enterprise');
  });
});

describe('authentication before validation', () => {
  it('answers 401 to an anonymous caller whatever the query or body, never a 422 describing the route', async () => {
    const query = await t.app.inject({ method: 'GET', url: '/api/v1/regions?parentId=not-a-uuid' });
    expect(query.statusCode).toBe(401);
    expect(query.json().code).toBe('UNAUTHENTICATED');
    const body = await t.app.inject({ method: 'POST', url: '/api/v1/cases', payload: { nonsense: true } });
    expect(body.statusCode).toBe(401);
    expect(body.body).not.toContain('nonsense');
    const params = await t.app.inject({ method: 'GET', url: '/api/v1/cases/not-a-uuid' });
    expect(params.statusCode).toBe(401);
    // A signing-in step needs its half-finished session before its body is looked at.
    const totp = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp', payload: { code: 'x' } });
    expect(totp.statusCode).toBe(401);
  });

  it('answers 403 (audited) to a signed-in caller without the permission before validating', async () => {
    const res = await demo.send('POST', '/api/v1/cases', { nonsense: true }, cookies.auditor);
    expect(res.status).toBe(403);
    expect((res.json() as { code: string }).code).toBe('FORBIDDEN');
    const denials = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'access.denied')
      .where('actor_id', '=', users.auditor?.id as string)
      .execute();
    expect(denials.some((d) => (d.detail as { route?: string }).route === '/api/v1/cases')).toBe(true);
  });

  it('still validates for callers the route lets in, and on public routes', async () => {
    const signedIn = await demo.send(
      'GET',
      '/api/v1/regions?parentId=not-a-uuid',
      undefined,
      cookies.worker1,
    );
    expect(signedIn.status).toBe(422);
    expect((signedIn.json() as { errors: { path: string }[] }).errors[0]?.path).toBe('querystring.parentId');
    const publicRoute = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'worker1', extra: 1 },
    });
    expect(publicRoute.statusCode).toBe(422);
  });
});

describe('response headers', () => {
  it('marks every API answer no-store, unmasked values and errors included', async () => {
    const member = await t.database.db
      .selectFrom('person as p')
      .innerJoin('household as h', (j) =>
        j.onRef('h.district_code', '=', 'p.district_code').onRef('h.id', '=', 'p.household_id'),
      )
      .select(['p.id', 'p.household_id'])
      .where('h.region_path', 'like', `${users.worker1?.path}.%`)
      .where('p.id_number_enc', 'is not', null)
      .executeTakeFirstOrThrow();
    const unmask = await demo.send(
      'POST',
      `/api/v1/households/${member.household_id}/members/${member.id}/unmask`,
      { field: 'id_number', reason: '入户走访核实' },
      cookies.worker1,
    );
    expect(unmask.status).toBe(200);
    const answers = [
      unmask,
      await demo.send('GET', '/api/v1/auth/me', undefined, cookies.worker1),
      await demo.send('GET', `/api/v1/households/${member.household_id}`, undefined, cookies.worker1),
      await demo.send('GET', '/api/v1/meta', undefined),
      await demo.send('GET', '/api/v1/auth/me', undefined),
      // The same route spelt with a percent-escape the router decodes.
      await demo.send('GET', `/%61pi/v1/households/${member.household_id}`, undefined, cookies.worker1),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 401, 200]);
    expect(answers.map((a) => a.headers['cache-control'])).toEqual(answers.map(() => 'no-store'));
  });

  it('sends a Permissions-Policy allowing only the camera and location, for this origin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/meta' });
    const policy = String(res.headers['permissions-policy']);
    const features = new Map(policy.split(',').map((d) => d.trim().split('=') as [string, string]));
    expect(features.get('camera')).toBe('(self)');
    expect(features.get('geolocation')).toBe('(self)');
    for (const off of ['microphone', 'payment', 'usb', 'display-capture', 'browsing-topics'])
      expect(features.get(off)).toBe('()');
    expect([...features.values()].filter((v) => v !== '()').length).toBe(2);
  });
});

describe('state-changing requests from another site', () => {
  const attempt = (headers: Record<string, string>) =>
    demo.send('POST', '/api/v1/cases', newCase(gridA.id), cookies.worker1, headers);

  it('refuses them with 403 CROSS_SITE_REQUEST and changes nothing', async () => {
    const before = await caseCount();
    const refused: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site', origin: 'http://localhost' },
      { 'sec-fetch-site': 'same-site', origin: 'http://sibling.localhost' },
      { origin: 'null' },
      { origin: 'http://localhost:8080' },
    ];
    for (const headers of refused) {
      const res = await attempt(headers);
      expect([JSON.stringify(headers), res.status]).toEqual([JSON.stringify(headers), 403]);
      expect((res.json() as { code: string }).code).toBe('CROSS_SITE_REQUEST');
    }
    const signOut = await demo.send('POST', '/api/v1/auth/logout', {}, cookies.worker1, {
      'sec-fetch-site': 'cross-site',
    });
    expect(signOut.status).toBe(403);
    expect(await caseCount()).toBe(before);
  });

  it('lets the app’s own pages, reads, and callers without browser headers through', async () => {
    // inject() reaches the server as host localhost:80.
    expect((await attempt({ origin: 'http://localhost', 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await attempt({ origin: 'http://localhost:80' })).status).toBe(201);
    expect((await attempt({})).status).toBe(201);
    const read = await demo.send('GET', '/api/v1/auth/me', undefined, cookies.worker1, {
      'sec-fetch-site': 'cross-site',
      origin: 'https://evil.example',
    });
    expect(read.status).toBe(200);
  });

  it('takes the configured public origin, or the forwarded host behind a trusted proxy', async () => {
    const configured = await createTestApp({ MINQING_PUBLIC_ORIGIN: 'https://minqing.example.gov.cn' });
    const proxied = await createTestApp({ MINQING_TRUST_PROXY: 'true' });
    try {
      const post = (app: TestApp, headers: Record<string, string>) =>
        app.app.inject({
          method: 'POST',
          url: '/api/v1/client-errors',
          payload: { message: 'boom', url: '/' },
          headers,
        });
      const code = async (app: TestApp, headers: Record<string, string>) => {
        const res = await post(app, headers);
        return res.statusCode === 403 ? res.json().code : res.statusCode;
      };
      expect(await code(configured, { origin: 'https://minqing.example.gov.cn' })).not.toBe(
        'CROSS_SITE_REQUEST',
      );
      expect(await code(configured, { origin: 'http://localhost' })).toBe('CROSS_SITE_REQUEST');
      expect(
        await code(configured, { origin: 'https://minqing.example.gov.cn', 'sec-fetch-site': 'same-site' }),
      ).not.toBe('CROSS_SITE_REQUEST');
      expect(
        await code(proxied, {
          origin: 'https://minqing.example.gov.cn',
          'x-forwarded-host': 'minqing.example.gov.cn',
        }),
      ).not.toBe('CROSS_SITE_REQUEST');
      expect(await code(proxied, { origin: 'https://minqing.example.gov.cn' })).toBe('CROSS_SITE_REQUEST');
    } finally {
      await configured.close();
      await proxied.close();
    }
  });
});

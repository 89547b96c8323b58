import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setHotlineLevel } from '../../src/server/modules/cases/set-hotline-level.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import type { Send } from '../support/auth.ts';
import { demoGrants, firstGridBelow, seedSmallDemo, userIdOf } from '../support/demo.ts';
import type { QueryCounter } from '../support/query-counter.ts';
import { countedSecondServer } from '../support/second-server.ts';

// What a staff intake reads besides its write (its place, category and hotline level, and the
// dispatchers it notifies) is kept in memory under the district's auth version
// (src/server/modules/auth/versioned-cache.ts). Two servers on one database: B takes the cases in
// and keeps those reads; the changes are made through A, and B's very next intake must follow them.

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let b: FastifyInstance;
let sendB: Send;
let worker: string;
let grid: { id: string; path: string };
let counter: QueryCounter;
let key = 0;

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 20);
  const grants = await demoGrants(t);
  grid = await firstGridBelow(t, grants.find((g) => g.username === 'worker1')?.path as string);
  ({ app: b, send: sendB, counter } = await countedSecondServer(t));
  worker = await demo.signIn('worker1');
});
afterAll(async () => {
  await b?.close();
  await t?.close();
});

/** A case taken in on server B by the grid worker; answers the response and the statements B ran. */
async function intakeOnB(extra: Record<string, unknown> = {}) {
  counter.statements = [];
  const res = await sendB(
    'POST',
    '/api/v1/cases',
    {
      channel: 'visit',
      kind: 'help',
      urgency: 'important',
      title: '楼道堆放杂物',
      description: '楼道堆放杂物，影响消防通道。',
      regionId: grid.id,
      reporter: { type: 'resident', name: '李四' },
      ...extra,
    },
    worker,
    { 'idempotency-key': `kept-reads-${++key}` },
  );
  return { res, statements: [...counter.statements] };
}

const readsOf = (statements: string[], table: string) =>
  statements.filter((s) => s.startsWith('{"kind":"SelectQueryNode"') && s.includes(`"name":"${table}"`));

async function inAppRecipients(caseId: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('outbox_message')
    .select('recipient')
    .where('case_id', '=', caseId)
    .where('channel', '=', 'in_app')
    .execute();
  return rows.map((r) => r.recipient as string).sort();
}

const userId = (username: string) => userIdOf(t, username);

describe('reads an intake keeps under the auth version', () => {
  it('reads the place and the dispatchers once, and follows a category deactivated on another server', async () => {
    const list = (await demo.send('GET', '/api/v1/categories', undefined, worker)).json() as {
      items: { id: string; active: boolean; parentId: string | null }[];
    };
    const category = list.items.find((c) => c.active && c.parentId !== null)?.id as string;
    expect(category).toBeDefined();

    const sysadmin = await demo.signIn('sysadmin');
    const first = await intakeOnB({ categoryId: category });
    expect(first.res.status).toBe(201);
    const second = await intakeOnB({ categoryId: category });
    expect(second.res.status).toBe(201);
    // The first intake read the place and the grant holders; the second only the auth version.
    expect(readsOf(first.statements, 'region').length).toBeGreaterThan(0);
    expect(readsOf(first.statements, 'role_grant').length).toBeGreaterThan(0);
    expect(readsOf(second.statements, 'region')).toEqual([]);
    expect(readsOf(second.statements, 'role_grant')).toEqual([]);

    const off = await demo.send('PATCH', `/api/v1/categories/${category}`, { active: false }, sysadmin);
    expect(off.status).toBe(200);
    const refused = await intakeOnB({ categoryId: category });
    expect(refused.res.status).toBe(422);
    expect(refused.res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });

    const on = await demo.send('PATCH', `/api/v1/categories/${category}`, { active: true }, sysadmin);
    expect(on.status).toBe(200);
    expect((await intakeOnB({ categoryId: category })).res.status).toBe(201);
  });

  it('notifies the dispatchers as they are after a grant changed on another server', async () => {
    const secadmin = await demo.signIn('secadmin');
    const before = await intakeOnB();
    expect(before.res.status).toBe(201);
    const notified = await inAppRecipients((before.res.json() as { id: string }).id);
    // The dispatchers of the case's level over its place: the community's.
    const dispatcher = await userId('cdispatcher');
    expect(notified).toEqual([dispatcher]);
    // Kept: the same intake again reads no grant holder, and notifies the same people.
    const again = await intakeOnB();
    expect(readsOf(again.statements, 'role_grant')).toEqual([]);
    expect(await inAppRecipients((again.res.json() as { id: string }).id)).toEqual(notified);

    const changed = await demo.send(
      'PUT',
      `/api/v1/users/${dispatcher}/grants`,
      { grants: [{ role: 'supervisor', scopeRegionId: null }] },
      secadmin,
    );
    expect(changed.status).toBe(200);
    const after = await intakeOnB();
    expect(after.res.status).toBe(201);
    expect(readsOf(after.statements, 'role_grant').length).toBeGreaterThan(0);
    // None is left at the community: the street's dispatcher is told instead.
    expect(await inAppRecipients((after.res.json() as { id: string }).id)).toEqual([
      await userId('dispatcher'),
    ]);
  });

  it('takes a 12345 order in at the level the district set on another server', async () => {
    const levelOf = async (res: { json(): unknown }) => {
      const row = await t.database.db
        .selectFrom('case_record')
        .select(['level', 'district_code'])
        .where('id', '=', (res.json() as { id: string }).id)
        .executeTakeFirstOrThrow();
      return row;
    };
    const street = await intakeOnB({ channel: 'hotline_12345' });
    expect(street.res.status).toBe(201);
    const { level, district_code: district } = await levelOf(street.res);
    expect(level).toBe(1);
    expect((await levelOf((await intakeOnB({ channel: 'hotline_12345' })).res)).level).toBe(1);
    await setHotlineLevel(t.database.db, district, 'district', {
      districtCode: district,
      username: 'cli',
      sourceIp: null,
    });
    expect((await levelOf((await intakeOnB({ channel: 'hotline_12345' })).res)).level).toBe(2);
  });
});

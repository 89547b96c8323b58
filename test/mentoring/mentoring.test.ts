import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertVisits } from '../spot-checks/visit-rows.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addAccount } from './accounts.ts';

interface Pair {
  id: string;
  mentor: { id: string; displayName: string };
  mentee: { id: string; displayName: string; scopeName: string };
  startedOn: string;
  endedOn: string | null;
  jointVisits: number;
  actions: string[];
}
interface Mine {
  items: {
    pairId: string;
    mentee: { id: string };
    visitsLast30Days: number;
    recentVisits: { id: string; joint: boolean; comments: number; targetLabel: string }[];
  }[];
}

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const scope: Record<string, { id: string; path: string; userId: string; name: string }> = {};
let mentor: string;
let mentee: string;
let gridA: { path: string };

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 30);
  for (const g of await demoGrants(t))
    if (g.region_id && g.path)
      scope[g.username] = { id: g.region_id, path: g.path, userId: g.user_id, name: g.name as string };
  gridA = await firstGridBelow(t, scope.worker1?.path as string);
  // The mentor signs in as worker1 (a grid worker of community A); the mentee is a young cadre there.
  mentor = scope.worker1?.userId as string;
  mentee = await addAccount(t, { regionId: scope.worker1?.id as string, displayName: '年轻干部甲' });
  for (const u of ['leader', 'worker1', 'worker2', 'dispatcher']) cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, user: string, body?: unknown) =>
  demo.send(method, url, body, cookies[user]);
const pair = (user: string, body: Record<string, unknown>) =>
  send('POST', '/api/v1/mentor-pairs', user, {
    mentorId: mentor,
    menteeId: mentee,
    startedOn: '2026-03-01',
    ...body,
  });
const list = async (user: string, query = '') =>
  (await send('GET', `/api/v1/mentor-pairs${query}`, user)).json() as { items: Pair[]; actions: string[] };

describe('mentoring', () => {
  let pairId: string;

  it('pairs a mentor with a mentee in the leader’s scope, once, and audits it', async () => {
    const res = await pair('leader', {});
    expect(res.status).toBe(201);
    pairId = (res.json() as { id: string }).id;
    expect((await pair('leader', {})).status).toBe(409);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'mentor_pair.created')
      .where('object_id', '=', pairId)
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ mentorId: mentor, menteeId: mentee });
  });

  it('refuses a self-pairing, an inactive or unknown mentor (422), a mentee out of scope (404), a non-planner (403)', async () => {
    const fresh = await addAccount(t, { regionId: scope.worker1?.id as string });
    const inactive = await addAccount(t, { regionId: scope.worker1?.id as string, active: false });
    const districtWide = await addAccount(t, { regionId: null });
    expect((await pair('leader', { mentorId: fresh, menteeId: fresh })).status).toBe(422);
    expect((await pair('leader', { mentorId: inactive, menteeId: fresh })).status).toBe(422);
    expect(
      (await pair('leader', { mentorId: '01900000-0000-7000-8000-000000000000', menteeId: fresh })).status,
    ).toBe(422);
    expect((await pair('leader', { menteeId: inactive })).status).toBe(422);
    expect((await pair('leader', { menteeId: districtWide })).status).toBe(404);
    expect((await pair('leader', { menteeId: '01900000-0000-7000-8000-000000000000' })).status).toBe(404);
    expect((await pair('leader', { menteeId: fresh, startedOn: '2026-02-30' })).status).toBe(422);
    expect((await pair('leader', { menteeId: fresh, note: 'x' })).status).toBe(422);
    expect((await pair('worker1', { menteeId: fresh })).status).toBe(403);
    const open = await t.database.db
      .selectFrom('mentor_pair')
      .select('id')
      .where('mentee_id', '=', fresh)
      .execute();
    expect(open).toEqual([]);
  });

  it('lists pairs by the mentee’s place: the street and community A see it, community B does not', async () => {
    const leader = await list('leader');
    const found = leader.items.find((p) => p.id === pairId);
    expect(found).toMatchObject({
      mentor: { id: mentor },
      mentee: { id: mentee, displayName: '年轻干部甲', scopeName: scope.worker1?.name },
      startedOn: '2026-03-01',
      endedOn: null,
      actions: ['end'],
    });
    expect(leader.actions).toEqual(['create']);
    expect((await list('leader', `?regionId=${scope.worker2?.id}`)).items.some((p) => p.id === pairId)).toBe(
      false,
    );
    const worker = await list('worker1');
    expect(worker.items.find((p) => p.id === pairId)?.actions).toEqual([]);
    expect(worker.actions).toEqual([]);
    expect((await list('worker2')).items.some((p) => p.id === pairId)).toBe(false);
    expect((await send('GET', `/api/v1/mentor-pairs?regionId=${scope.worker1?.id}`, 'worker2')).status).toBe(
      404,
    );
  });

  it('counts a joint visit for both and shows the mentee’s diary to the mentor', async () => {
    const recent = new Date(Date.now() - 2 * 86_400_000);
    const joint = await insertVisits(t, {
      gridPath: gridA.path,
      visitorIds: [mentee, mentor],
      startedAt: recent,
      count: 2,
    });
    const alone = await insertVisits(t, {
      gridPath: gridA.path,
      visitorIds: [mentee],
      startedAt: new Date(recent.getTime() + 3_600_000),
      count: 1,
    });
    const { district_code } = await t.database.db
      .selectFrom('visit')
      .select('district_code')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('visit_comment')
      .values({
        district_code,
        id: '01900000-0000-7000-8000-00000000c001',
        visit_id: alone[0] as string,
        author_id: mentor,
        body: '记录很完整，下次留意老人用药情况。',
      })
      .execute();
    // Each visitor's row is what quota counting reads: the joint visits count for both people.
    for (const user of [mentor, mentee]) {
      const rows = await t.database.db
        .selectFrom('visit_visitor')
        .select('visit_id')
        .where('user_id', '=', user)
        .where('visit_id', 'in', joint)
        .execute();
      expect(rows.length).toBe(2);
    }
    expect((await list('leader')).items.find((p) => p.id === pairId)?.jointVisits).toBe(2);

    const mine = (await send('GET', '/api/v1/mentor-pairs/mine', 'worker1')).json() as Mine;
    const entry = mine.items.find((i) => i.pairId === pairId);
    expect(entry?.visitsLast30Days).toBe(3);
    expect(entry?.recentVisits.map((v) => v.id)).toEqual([alone[0], joint[1], joint[0]]);
    expect(entry?.recentVisits.map((v) => v.joint)).toEqual([false, true, true]);
    expect(entry?.recentVisits[0]?.comments).toBe(1);
    // Someone who mentors nobody has an empty list.
    expect(((await send('GET', '/api/v1/mentor-pairs/mine', 'worker2')).json() as Mine).items).toEqual([]);
  });

  it('ends a pair on a day not before its start, once; then the mentee may be paired again', async () => {
    const end = (endedOn: string, user = 'leader') =>
      send('PATCH', `/api/v1/mentor-pairs/${pairId}`, user, { endedOn });
    expect((await end('2026-02-01')).status).toBe(422);
    expect((await end('2026-06-30', 'worker1')).status).toBe(403);
    const ok = await end('2026-06-30');
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ id: pairId, endedOn: '2026-06-30', actions: [] });
    expect((await end('2026-07-01')).status).toBe(409);
    expect(
      (
        await send('PATCH', '/api/v1/mentor-pairs/01900000-0000-7000-8000-000000000000', 'leader', {
          endedOn: '2026-07-01',
        })
      ).status,
    ).toBe(404);
    expect((await list('leader', '?open=true')).items.some((p) => p.id === pairId)).toBe(false);
    expect((await pair('leader', { startedOn: '2026-07-01' })).status).toBe(201);
  });

  it('offers the leader the accounts of the street to pair, filtered by region', async () => {
    const res = await send('GET', `/api/v1/mentor-pairs/candidates?regionId=${scope.worker1?.id}`, 'leader');
    expect(res.status).toBe(200);
    const items = (res.json() as { items: { id: string; roles: string[] }[] }).items;
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([mentor, mentee]));
    expect(items.some((i) => i.id === scope.worker2?.userId)).toBe(false);
    expect(items.find((i) => i.id === mentor)?.roles).toEqual(['grid_worker']);
    expect((await send('GET', '/api/v1/mentor-pairs/candidates', 'worker1')).status).toBe(403);
  });
});

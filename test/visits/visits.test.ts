import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedVisit, SyncResult, VisitDetail } from '../../src/shared/domain/visit.ts';
import { JPEG, PDF } from '../attachments/images.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addHousehold } from '../support/households.ts';

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const userIds: Record<string, string> = {};
let grid1: { id: string; path: string };
let grid2: { id: string; path: string };
let serial = 0;

type Method = 'GET' | 'POST';
const send = (method: Method, url: string, user: string, body?: unknown, headers?: Record<string, string>) =>
  demo.send(method, url, body, cookies[user], headers);
const key = () => `visit-test-${process.pid}-${serial++}`;

const keyRecord = {
  basicSituation: '独居，80岁',
  livingConditions: '老房一楼',
  stateOfMind: '情绪平稳',
  contact: '女儿每周来一次',
  helpInPlace: '已申请助餐',
};

/** A visit body at a CST wall-clock time of a fixed past day. */
const visitAt = (householdId: string, cstTime: string, extra: Record<string, unknown> = {}) => ({
  form: 'routine',
  target: { type: 'household', householdId },
  startedAt: `2026-03-10T${cstTime}:00+08:00`,
  endedAt: `2026-03-10T${cstTime}:30+08:00`,
  notes: '入户走访，了解近况。',
  ...extra,
});

const count = async (table: 'visit' | 'case_record' | 'visit_visitor' | 'visit_photo' | 'visit_comment') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );
const snapshot = async () => ({
  visits: await count('visit'),
  cases: await count('case_record'),
  visitors: await count('visit_visitor'),
  photos: await count('visit_photo'),
});
const auditRows = (action: string, objectId: string) =>
  t.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('object_id', '=', objectId)
    .execute();

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 40);
  const pathOf: Record<string, string> = {};
  for (const g of await demoGrants(t)) {
    userIds[g.username] = g.user_id;
    if (g.path) pathOf[g.username] = g.path;
  }
  grid1 = await firstGridBelow(t, pathOf.worker1 as string);
  grid2 = await firstGridBelow(t, pathOf.worker2 as string);
  for (const u of ['worker1', 'worker2', 'leader', 'dispatcher', 'liaison'])
    cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

describe('recording a visit', () => {
  it('records one visit with its visitors, the 五个要 and two cases (one closed on the spot) in one go', async () => {
    const household = await addHousehold(t, grid1, { tags: ['低保'], isKey: true });
    const body = visitAt(household, '10:00', {
      companionIds: [userIds.leader],
      checkIn: { latitude: 30.2, longitude: 120.2 },
      services: ['policy_explained', 'help_delivered'],
      keyRecord,
      issues: [
        {
          title: '楼道灯不亮',
          description: '三单元楼道灯坏了一周。',
          kind: 'help',
          resolvedOnSpot: true,
          resolution: '当场更换了灯泡。',
        },
        { title: '屋顶漏水', description: '雨天屋顶漏水，需要维修。', kind: 'help', urgency: 'urgent' },
      ],
    });
    const before = await snapshot();
    const res = await send('POST', '/api/v1/visits', 'worker1', body, { 'idempotency-key': key() });
    expect(res.status).toBe(201);
    const created = res.json() as CreatedVisit;
    expect(created).toMatchObject({ isNight: false, far: false, distanceM: null });
    expect(created.cases.map((c) => c.onSpot)).toEqual([true, false]);
    expect(await snapshot()).toEqual({
      ...before,
      visits: before.visits + 1,
      cases: before.cases + 2,
      visitors: before.visitors + 2,
    });

    const db = t.database.db;
    const visit = await db
      .selectFrom('visit')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(visit).toMatchObject({ household_id: household, region_id: grid1.id, region_path: grid1.path });
    const visitors = await db
      .selectFrom('visit_visitor')
      .select(['user_id', 'started_at'])
      .where('visit_id', '=', created.id)
      .execute();
    expect(visitors.map((v) => v.user_id).sort()).toEqual([userIds.worker1, userIds.leader].sort());
    for (const v of visitors) expect(new Date(v.started_at).toISOString()).toBe('2026-03-10T02:00:00.000Z');

    const record = await db
      .selectFrom('key_household_record')
      .selectAll()
      .where('id', '=', visit.key_record_id as string)
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      household_id: household,
      visit_id: created.id,
      contact: keyRecord.contact,
    });

    const h = await db
      .selectFrom('household')
      .select('last_visit_at')
      .where('id', '=', household)
      .executeTakeFirstOrThrow();
    expect(new Date(h.last_visit_at as Date).toISOString()).toBe('2026-03-10T02:00:00.000Z');

    const cases = await db
      .selectFrom('case_record')
      .selectAll()
      .where('source_visit_id', '=', created.id)
      .orderBy('number')
      .execute();
    expect(cases.map((c) => [c.state, c.on_spot, c.channel, c.household_id, c.region_id])).toEqual([
      ['closed', true, 'visit', household, grid1.id],
      ['submitted', false, 'visit', household, grid1.id],
    ]);
    const [onSpot, open] = cases as [(typeof cases)[number], (typeof cases)[number]];
    expect(onSpot.first_responder_id).toBe(userIds.worker1);
    const events = await db
      .selectFrom('case_event')
      .select(['seq', 'action', 'from_state', 'to_state', 'actor_id', 'detail'])
      .where('case_id', '=', onSpot.id)
      .orderBy('seq')
      .execute();
    expect(events).toMatchObject([
      { seq: 1, action: 'submit', to_state: 'submitted' },
      {
        seq: 2,
        action: 'resolve_on_spot',
        from_state: 'submitted',
        to_state: 'closed',
        actor_id: userIds.worker1,
        detail: { reply: '当场更换了灯泡。', visit: created.id },
      },
    ]);
    expect(onSpot.version).toBe(2);
    expect(await auditRows('case.resolve_on_spot', onSpot.id)).toHaveLength(1);
    expect(await auditRows('case.submitted', open.id)).toHaveLength(1);
    expect(await auditRows('case.resolve_on_spot', open.id)).toHaveLength(0);
    const clocks = await db
      .selectFrom('case_clock')
      .select('clock')
      .where('case_id', 'in', [onSpot.id, open.id])
      .execute();
    expect(clocks).toEqual([]);
    expect(await auditRows('visit.recorded', created.id)).toHaveLength(1);

    // The page shows it all, and the leader who went along may comment.
    const detail = (await send('GET', `/api/v1/visits/${created.id}`, 'leader')).json() as VisitDetail;
    expect(detail.visitors.map((v) => v.id)).toEqual([userIds.worker1, userIds.leader]);
    expect(detail.keyRecord).toMatchObject(keyRecord);
    expect(detail.services).toEqual(['policy_explained', 'help_delivered']);
    expect(detail.cases.map((c) => [c.state, c.onSpot])).toEqual([
      ['closed', true],
      ['submitted', false],
    ]);
    expect(detail.caseCount).toBe(2);
    expect(detail.actions).toEqual(['add_photo', 'comment']);
    expect(detail.targetName).not.toBe('');

    // The street's liaison reads the diary of visits in the street, not households: neither the
    // household's 五个要 record nor its address, in the page, the list or the export.
    const liaison = (await send('GET', `/api/v1/visits/${created.id}`, 'liaison')).json() as VisitDetail;
    expect([liaison.id, liaison.keyRecord, liaison.targetName]).toEqual([created.id, null, '']);
    const listed = (await send('GET', `/api/v1/visits?regionId=${grid1.id}&limit=100`, 'liaison')).json() as {
      items: { id: string; targetName: string }[];
    };
    expect(listed.items.find((v) => v.id === created.id)?.targetName).toBe('');
  });

  it('replays the same key and body without creating anything, and refuses another body under that key', async () => {
    const household = await addHousehold(t, grid1);
    const k = key();
    const body = visitAt(household, '09:00', {
      issues: [{ title: '路灯坏了', description: '小区门口路灯不亮。', kind: 'report' }],
    });
    const first = await send('POST', '/api/v1/visits', 'worker1', body, { 'idempotency-key': k });
    expect(first.status).toBe(201);
    const before = await snapshot();
    const again = await send('POST', '/api/v1/visits', 'worker1', body, { 'idempotency-key': k });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const other = await send(
      'POST',
      '/api/v1/visits',
      'worker1',
      { ...body, notes: '另一份记录' },
      {
        'idempotency-key': k,
      },
    );
    expect(other.status).toBe(422);
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await snapshot()).toEqual(before);
  });

  it('syncs a batch, each visit on its own, and a replayed batch answers the first results', async () => {
    const mine = await addHousehold(t, grid1);
    const theirs = await addHousehold(t, grid2);
    const ids = [key(), key(), key()];
    const batch = {
      visits: [
        {
          clientId: ids[0],
          visit: visitAt(mine, '14:00', {
            issues: [
              {
                title: '垃圾未清运',
                description: '垃圾桶满了三天。',
                kind: 'complaint',
                resolvedOnSpot: true,
                resolution: '已联系保洁当场清运。',
              },
              { title: '邻里噪音', description: '楼上装修噪音大。', kind: 'dispute' },
            ],
          }),
        },
        { clientId: ids[1], visit: visitAt(theirs, '15:00') },
        { clientId: ids[2], visit: visitAt(mine, '16:00', { form: 'scheduled' }) },
      ],
    };
    const before = await snapshot();
    const res = await send('POST', '/api/v1/visits/sync', 'worker1', batch);
    expect(res.status).toBe(200);
    const first = res.json() as SyncResult;
    expect(first.results.map((r) => [r.clientId, r.status, r.code])).toEqual([
      [ids[0], 201, null],
      [ids[1], 404, 'NOT_FOUND'],
      [ids[2], 201, null],
    ]);
    expect(first.results[0]?.visit?.cases).toHaveLength(2);
    const after = await snapshot();
    expect(after).toMatchObject({ visits: before.visits + 2, cases: before.cases + 2 });

    const replay = (await send('POST', '/api/v1/visits/sync', 'worker1', batch)).json() as SyncResult;
    expect(replay.results.map((r) => r.status)).toEqual([200, 404, 200]);
    expect(replay.results[0]?.visit).toEqual(first.results[0]?.visit);
    expect(replay.results[2]?.visit).toEqual(first.results[2]?.visit);
    // The same visit sent alone under its client id is the same visit.
    const alone = await send('POST', '/api/v1/visits', 'worker1', batch.visits[2]?.visit, {
      'idempotency-key': ids[2] as string,
    });
    expect(alone.json()).toEqual(first.results[2]?.visit);
    expect(await snapshot()).toEqual(after);
    // Another visit under a used client id is refused on its own line.
    const reused = (
      await send('POST', '/api/v1/visits/sync', 'worker1', {
        visits: [{ clientId: ids[0], visit: visitAt(mine, '17:00') }],
      })
    ).json() as SyncResult;
    expect(reused.results).toEqual([
      { clientId: ids[0], status: 422, visit: null, code: 'IDEMPOTENCY_KEY_REUSED' },
    ]);
    expect(await snapshot()).toEqual(after);
  });

  it('syncs a batch in one transaction: a visit refused half-way leaves nothing, concurrent replays nothing twice', async () => {
    const mine = await addHousehold(t, grid1);
    const ids = [key(), key(), key()];
    const batch = {
      visits: [
        { clientId: ids[0], visit: visitAt(mine, '09:00') },
        {
          // Refused only after its visit row was written (the issue's category is checked by the
          // case intake): its savepoint must take the visit row back with it.
          clientId: ids[1],
          visit: visitAt(mine, '10:00', {
            issues: [
              {
                title: '分类不存在',
                description: '这条问题的分类不存在。',
                kind: 'complaint',
                categoryId: '0190a0a0-0000-7000-8000-000000000000',
              },
            ],
          }),
        },
        {
          clientId: ids[2],
          visit: visitAt(mine, '11:00', {
            issues: [{ title: '楼道灯坏了', description: '三楼楼道灯不亮。', kind: 'help' }],
          }),
        },
      ],
    };
    const before = await snapshot();
    const [a, b] = await Promise.all([
      send('POST', '/api/v1/visits/sync', 'worker1', batch),
      send('POST', '/api/v1/visits/sync', 'worker1', batch),
    ]);
    const statuses = [a, b].map((r) => (r.json() as SyncResult).results.map((x) => x.status));
    expect(statuses.map((s) => s[1])).toEqual([422, 422]);
    // One of the two syncs created the visits; the other answered them as already recorded.
    expect(statuses.map((s) => [s[0], s[2]]).sort()).toEqual([
      [200, 200],
      [201, 201],
    ]);
    expect(await snapshot()).toMatchObject({ visits: before.visits + 2, cases: before.cases + 1 });
    const refused = await t.database.db
      .selectFrom('visit')
      .select('id')
      .where('household_id', '=', mine)
      .where('started_at', '=', new Date(batch.visits[1]?.visit.startedAt as string))
      .execute();
    expect(refused).toEqual([]);
  });

  it('answers a client id sent twice in one batch once created and once as already recorded', async () => {
    const mine = await addHousehold(t, grid1);
    const id = key();
    const visit = visitAt(mine, '15:00');
    const before = await snapshot();
    const res = await send('POST', '/api/v1/visits/sync', 'worker1', {
      visits: [
        { clientId: id, visit },
        { clientId: id, visit },
        { clientId: id, visit: visitAt(mine, '16:00') },
      ],
    });
    const { results } = res.json() as SyncResult;
    expect(results.map((r) => r.status)).toEqual([201, 200, 422]);
    expect(results[1]?.visit).toEqual(results[0]?.visit);
    expect(results[2]?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await snapshot()).visits).toBe(before.visits + 1);
  });

  it('tells night visits by the district setting, or the default 18:00–07:00', async () => {
    const household = await addHousehold(t, grid1);
    const at = async (time: string) =>
      ((await send('POST', '/api/v1/visits', 'worker1', visitAt(household, time))).json() as CreatedVisit)
        .isNight;
    expect(await at('20:00')).toBe(true);
    expect(await at('06:59')).toBe(true);
    expect(await at('07:00')).toBe(false);
    expect(await at('17:59')).toBe(false);
    await t.database.db
      .insertInto('system_setting')
      .values({
        key: 'visits.settings.330109',
        value: JSON.stringify({ nightFrom: '21:00', nightTo: '06:00' }),
      })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: JSON.stringify({ nightFrom: '21:00', nightTo: '06:00' }) }),
      )
      .execute();
    try {
      expect(await at('20:00')).toBe(false);
      expect(await at('21:30')).toBe(true);
    } finally {
      await t.database.db.deleteFrom('system_setting').where('key', '=', 'visits.settings.330109').execute();
    }
  });

  it('flags a check-in far from where the target was found before', async () => {
    const household = await addHousehold(t, grid1);
    const visit = async (time: string, latitude: number) =>
      (
        await send(
          'POST',
          '/api/v1/visits',
          'worker1',
          visitAt(household, time, { checkIn: { latitude, longitude: 120.1 } }),
        )
      ).json() as CreatedVisit;
    expect(await visit('09:00', 30.25)).toMatchObject({ distanceM: null, far: false });
    const farAway = await visit('11:00', 30.26);
    expect(farAway.far).toBe(true);
    expect(farAway.distanceM).toBeGreaterThan(1100);
    expect(farAway.distanceM).toBeLessThan(1125);
    // Synced late: the latest check-in before 10:00 is the 09:00 one, 111 m away.
    const near = await visit('10:00', 30.251);
    expect(near.far).toBe(false);
    expect(near.distanceM).toBeGreaterThan(100);
    expect(near.distanceM).toBeLessThan(120);
  });

  it('answers 404 for a target outside the scope and 422 for companions who could not have gone', async () => {
    const theirs = await addHousehold(t, grid2);
    const mine = await addHousehold(t, grid1);
    const before = await snapshot();
    const outside = await send('POST', '/api/v1/visits', 'worker1', visitAt(theirs, '10:00'));
    expect(outside.status).toBe(404);
    const stranger = await send(
      'POST',
      '/api/v1/visits',
      'worker1',
      visitAt(mine, '10:00', { companionIds: [userIds.worker2] }),
    );
    expect(stranger.status).toBe(422);
    expect(stranger.json()).toMatchObject({ errors: [{ path: 'body.companionIds.0' }] });
    const dispatcherAlong = await send(
      'POST',
      '/api/v1/visits',
      'worker1',
      visitAt(mine, '10:00', { companionIds: [userIds.dispatcher] }),
    );
    expect(dispatcherAlong.status).toBe(422);
    const nobody = await send(
      'POST',
      '/api/v1/visits',
      'worker1',
      visitAt(mine, '10:00', { companionIds: [uuidv7()] }),
    );
    expect(nobody.status).toBe(422);
    const notKey = await send('POST', '/api/v1/visits', 'worker1', visitAt(mine, '10:00', { keyRecord }));
    expect(notKey.status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });

  it("lets a leader record a visit whose issue becomes a case, but not a key household's 五个要", async () => {
    const key1 = await addHousehold(t, grid2, { tags: ['低保'], isKey: true });
    const refused = await send('POST', '/api/v1/visits', 'leader', visitAt(key1, '10:00', { keyRecord }));
    expect(refused.status).toBe(422);
    const res = await send(
      'POST',
      '/api/v1/visits',
      'leader',
      visitAt(key1, '10:00', {
        form: 'scheduled',
        issues: [{ title: '求职困难', description: '希望推荐就业岗位。', kind: 'help' }],
      }),
    );
    expect(res.status).toBe(201);
    const c = (res.json() as CreatedVisit).cases[0];
    const row = await t.database.db
      .selectFrom('case_record')
      .selectAll()
      .where('id', '=', c?.id as string)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      state: 'submitted',
      first_responder_id: userIds.leader,
      region_id: grid2.id,
    });
  });
});

describe('the diary', () => {
  it('lists visits in scope with filters and pages, and hides others', async () => {
    const household = await addHousehold(t, grid1);
    for (const time of ['08:00', '09:00', '10:00'])
      await send('POST', '/api/v1/visits', 'worker1', visitAt(household, time, { form: 'targeted' }));
    const url = `/api/v1/visits?householdId=${household}&limit=2`;
    const page1 = (await send('GET', url, 'leader')).json() as {
      items: { startedAt: string }[];
      next: string;
      total: number;
    };
    expect(page1.total).toBe(3);
    expect(page1.items.map((i) => i.startedAt)).toEqual([
      '2026-03-10T02:00:00.000Z',
      '2026-03-10T01:00:00.000Z',
    ]);
    const page2 = (await send('GET', `${url}&after=${page1.next}`, 'leader')).json() as typeof page1;
    expect(page2.items.map((i) => i.startedAt)).toEqual(['2026-03-10T00:00:00.000Z']);
    expect(page2.next).toBeNull();
    const byForm = (
      await send(
        'GET',
        `/api/v1/visits?form=targeted&userId=${userIds.worker1}&from=2026-03-10&to=2026-03-10`,
        'worker1',
      )
    ).json() as typeof page1;
    expect(byForm.total).toBe(3);
    // By what was visited and by day or night (the visits above are household visits by day).
    const total = async (filter: string) =>
      (
        (
          await send('GET', `/api/v1/visits?householdId=${household}&${filter}`, 'leader')
        ).json() as typeof page1
      ).total;
    expect([
      await total('targetType=household'),
      await total('targetType=enterprise'),
      await total('night=false'),
      await total('night=true'),
    ]).toEqual([3, 0, 3, 0]);
    expect((await send('GET', '/api/v1/visits?targetType=shop', 'leader')).status).toBe(422);
    const none = (
      await send('GET', `/api/v1/visits?householdId=${household}`, 'worker2')
    ).json() as typeof page1;
    expect(none.total).toBe(0);
    expect((await send('GET', `/api/v1/visits?regionId=${grid1.id}`, 'worker2')).status).toBe(404);
  });
});

describe('photos and comments', () => {
  let visitId: string;
  beforeAll(async () => {
    const household = await addHousehold(t, grid1);
    visitId = (
      (await send('POST', '/api/v1/visits', 'worker1', visitAt(household, '10:00'))).json() as CreatedVisit
    ).id;
  });

  it('adds a photo once per key, serves it, and refuses others and other files', async () => {
    const k = key();
    const url = `/api/v1/visits/${visitId}/photos?name=door.jpg`;
    const first = await send('POST', url, 'worker1', JPEG, { 'idempotency-key': k });
    expect(first.status).toBe(201);
    const photos = await count('visit_photo');
    const again = await send('POST', url, 'worker1', JPEG, { 'idempotency-key': k });
    expect(again.status).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await count('visit_photo')).toBe(photos);
    expect((await send('POST', url, 'worker1', PDF, { 'idempotency-key': k })).status).toBe(415);
    expect((await send('POST', url, 'worker1', PDF)).status).toBe(415);
    expect((await send('POST', url, 'worker2', JPEG)).status).toBe(404);
    expect((await send('POST', url, 'dispatcher', JPEG)).status).toBe(403);
    expect(await count('visit_photo')).toBe(photos);

    const { id } = first.json() as { id: string };
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/visits/${visitId}/photos/${id}`,
      headers: { cookie: cookies.dispatcher as string },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect((await send('GET', `/api/v1/visits/${visitId}/photos/${id}`, 'worker2')).status).toBe(404);
    expect(await auditRows('visit.photo_added', visitId)).toHaveLength(1);
  });

  it('takes comments from checkers and mentors of a visitor only', async () => {
    const url = `/api/v1/visits/${visitId}/comments`;
    expect((await send('POST', url, 'worker1', { body: '自评' })).status).toBe(403);
    expect((await send('POST', url, 'dispatcher', { body: '看看' })).status).toBe(403);
    expect((await send('POST', url, 'worker2', { body: '看看' })).status).toBe(404);
    const byLeader = await send('POST', url, 'leader', { body: '记录详实，注意跟进漏水问题。' });
    expect(byLeader.status).toBe(201);
    const pair = {
      district_code: '330109',
      id: uuidv7(),
      mentor_id: userIds.dispatcher as string,
      mentee_id: userIds.worker1 as string,
      started_on: '2026-01-01',
      created_by: userIds.leader as string,
    };
    await t.database.db.insertInto('mentor_pair').values(pair).execute();
    const byMentor = await send('POST', url, 'dispatcher', { body: '下次带上政策宣传单。' });
    expect(byMentor.status).toBe(201);
    await t.database.db
      .updateTable('mentor_pair')
      .set({ ended_on: '2026-01-02' })
      .where('id', '=', pair.id)
      .execute();
    expect((await send('POST', url, 'dispatcher', { body: '结束后' })).status).toBe(403);
    const detail = (await send('GET', `/api/v1/visits/${visitId}`, 'worker1')).json() as VisitDetail;
    expect(detail.comments.map((c) => [c.author.id, c.body])).toEqual([
      [userIds.leader, '记录详实，注意跟进漏水问题。'],
      [userIds.dispatcher, '下次带上政策宣传单。'],
    ]);
    expect(detail.actions).toEqual(['add_photo']);
    expect(detail.photos).toHaveLength(1);
    expect(await count('visit_comment')).toBe(2);
  });
});

describe('a visit synced after its household moved out', () => {
  it('is recorded with its problems when it started before the move, refused when after', async () => {
    const household = await addHousehold(t, grid1);
    // Visited on 10 March offline; marked moved out (now) before the phone synced.
    const removed = await send('POST', `/api/v1/households/${household}/remove`, 'worker1', {
      reason: '整户迁出',
    });
    expect(removed.status, removed.text()).toBe(200);
    const [before, after] = [key(), key()];
    const res = await send('POST', '/api/v1/visits/sync', 'worker1', {
      visits: [
        {
          clientId: before,
          visit: visitAt(household, '10:00', {
            issues: [{ title: '漏水', description: '搬走前反映厨房漏水。', kind: 'report' }],
          }),
        },
        {
          clientId: after,
          visit: {
            ...visitAt(household, '10:00'),
            startedAt: new Date(Date.now() + 60_000).toISOString(),
            endedAt: new Date(Date.now() + 120_000).toISOString(),
          },
        },
      ],
    });
    expect(res.status, res.text()).toBe(200);
    const result = res.json() as SyncResult;
    expect(result.results.map((r) => [r.clientId, r.status])).toEqual([
      [before, 201],
      [after, 404],
    ]);
    const [created] = result.results[0]?.visit?.cases ?? [];
    const kase = await t.database.db
      .selectFrom('case_record')
      .select(['household_id'])
      .where('id', '=', created?.id as string)
      .executeTakeFirstOrThrow();
    expect(kase.household_id).toBe(household);
  });
});

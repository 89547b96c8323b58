import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyInfo, PlanOwner } from '../../src/shared/domain/key-household.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addHousehold } from '../support/households.ts';

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const userIds: Record<string, string> = {};
let grid1: { id: string; path: string };
let grid2: { id: string; path: string };

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, user: string, body?: unknown) =>
  demo.send(method, url, body, cookies[user]);

const record = {
  basicSituation: '独居，80岁，患高血压',
  livingConditions: '老房一楼，无电梯，冬季较冷',
  stateOfMind: '情绪平稳，盼子女常回家',
  contact: '女儿每周来一次',
  helpInPlace: '已申请居家养老服务，每周两次助餐',
};
const plan = (ownerUserId: string, followUpDates = ['2026-12-01', '2026-12-15']) => ({
  measures: '每周电话问候；每月上门一次；协调助餐服务',
  ownerUserId,
  followUpDates,
});

const countOf = async (table: 'key_household_record' | 'household_plan' | 'household_plan_follow_up') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );
const snapshot = async () => ({
  records: await countOf('key_household_record'),
  plans: await countOf('household_plan'),
  followUps: await countOf('household_plan_follow_up'),
});
const auditCount = async (action: string) =>
  (await t.database.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute()).length;

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 40);
  const grants = await demoGrants(t);
  const pathOf: Record<string, string> = {};
  for (const g of grants) {
    userIds[g.username] = g.user_id;
    if (g.path) pathOf[g.username] = g.path;
  }
  grid1 = await firstGridBelow(t, pathOf.worker1 as string);
  grid2 = await firstGridBelow(t, pathOf.worker2 as string);
  for (const u of ['worker1', 'worker2', 'leader', 'dispatcher']) cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

describe('key households: 五个要 and 一户一策', () => {
  it('comes seeded: is_key from the tags, a level for 残疾, and demo records and plans of the grid workers', async () => {
    const db = t.database.db;
    const keyCodes = ['低保', '优抚', '残疾', '独居老人', '留守', '外籍', '新居民'];
    const households = await db
      .selectFrom('household')
      .select(['id', 'tags', 'tag_levels', 'is_key', 'region_path'])
      .execute();
    expect(households.filter((h) => h.is_key).length).toBeGreaterThan(0);
    for (const h of households) {
      expect(h.is_key).toBe(h.tags.some((tag) => keyCodes.includes(tag)));
      if (h.tags.includes('残疾')) expect(['1', '2', '3', '4']).toContain(h.tag_levels.残疾);
      else expect(h.tag_levels).toEqual({});
    }
    let seededPlans = 0;
    for (const worker of ['worker1', 'worker2']) {
      const community = await db
        .selectFrom('role_grant as g')
        .innerJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'g.district_code').onRef('r.id', '=', 'g.scope_region_id'),
        )
        .select('r.path')
        .where('g.user_id', '=', userIds[worker] as string)
        .executeTakeFirstOrThrow();
      const keyHere = households.filter((h) => h.is_key && h.region_path.startsWith(`${community.path}.`));
      const plans = await db
        .selectFrom('household_plan')
        .select(['household_id', 'owner_user_id'])
        .where('owner_user_id', '=', userIds[worker] as string)
        .execute();
      expect(plans).toHaveLength(Math.min(3, keyHere.length));
      for (const p of plans) expect(keyHere.map((h) => h.id)).toContain(p.household_id);
      const records = await db
        .selectFrom('key_household_record')
        .select('household_id')
        .where('recorded_by', '=', userIds[worker] as string)
        .execute();
      expect(records.map((r) => r.household_id).sort()).toEqual(plans.map((p) => p.household_id).sort());
      seededPlans += plans.length;
    }
    expect(seededPlans).toBeGreaterThan(0);
    expect(await countOf('household_plan_follow_up')).toBe(seededPlans * 2);
  });

  it('records the 五个要 of a key household and shows the latest with the history', async () => {
    const id = await addHousehold(t, grid1, { tags: ['独居老人'], isKey: true });
    const empty = (await send('GET', `/api/v1/households/${id}/key-info`, 'leader')).json() as KeyInfo;
    expect(empty).toEqual({
      householdId: id,
      isKey: true,
      latest: null,
      history: [],
      recordCount: 0,
      plans: [],
    });

    const first = await send('POST', `/api/v1/households/${id}/key-records`, 'worker1', record);
    expect(first.status, first.text()).toBe(201);
    const second = await send('POST', `/api/v1/households/${id}/key-records`, 'worker1', {
      ...record,
      stateOfMind: '近期情绪低落，需多关心',
    });
    const info = second.json() as KeyInfo;
    expect(info.recordCount).toBe(2);
    expect(info.latest).toMatchObject({ stateOfMind: '近期情绪低落，需多关心' });
    expect(info.latest?.recordedBy).toEqual({
      id: userIds.worker1,
      displayName: expect.stringContaining('网格员'),
    });
    expect(info.history.map((r) => r.stateOfMind)).toEqual(['近期情绪低落，需多关心', record.stateOfMind]);
    expect(await auditCount('key_household.recorded')).toBe(2);
    // The leader reads the same; worker2 does not see the household at all.
    expect(
      ((await send('GET', `/api/v1/households/${id}/key-info`, 'leader')).json() as KeyInfo).latest?.id,
    ).toBe(info.latest?.id);
    expect((await send('GET', `/api/v1/households/${id}/key-info`, 'worker2')).status).toBe(404);
  });

  it('refuses a record for a household that is not key (409), outside the scope (404), or with missing or extra fields (422)', async () => {
    const plain = await addHousehold(t, grid1);
    const key = await addHousehold(t, grid1, { tags: ['低保'], isKey: true });
    const before = await snapshot();
    expect((await send('POST', `/api/v1/households/${plain}/key-records`, 'worker1', record)).status).toBe(
      409,
    );
    expect((await send('POST', `/api/v1/households/${key}/key-records`, 'worker2', record)).status).toBe(404);
    expect((await send('POST', `/api/v1/households/${key}/key-records`, 'leader', record)).status).toBe(403);
    const { contact: _dropped, ...missing } = record;
    expect((await send('POST', `/api/v1/households/${key}/key-records`, 'worker1', missing)).status).toBe(
      422,
    );
    for (const extra of [{ recordedBy: userIds.leader }, { visitId: key }, { recordedAt: '2020-01-01' }]) {
      const res = await send('POST', `/api/v1/households/${key}/key-records`, 'worker1', {
        ...record,
        ...extra,
      });
      expect(res.status).toBe(422);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('offers as plan owners the active users whose scope reaches the household', async () => {
    const id = await addHousehold(t, grid1, { tags: ['低保'], isKey: true });
    const res = await send('GET', `/api/v1/households/${id}/plan-owners`, 'worker1');
    expect(res.status).toBe(200);
    const ids = (res.json() as { items: PlanOwner[] }).items.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([userIds.worker1, userIds.leader, userIds.dispatcher]));
    expect(ids).not.toContain(userIds.worker2);
    // Administrators see no households, so they cannot own a plan.
    for (const admin of ['sysadmin', 'secadmin', 'auditor']) expect(ids).not.toContain(userIds[admin]);
    expect((await send('GET', `/api/v1/households/${id}/plan-owners`, 'worker2')).status).toBe(404);
    expect((await send('GET', `/api/v1/households/${id}/plan-owners`, 'leader')).status).toBe(403);
  });

  it('draws up a plan with follow-ups, changes it, and marks a follow-up done — all audited', async () => {
    const id = await addHousehold(t, grid1, { tags: ['残疾'], isKey: true });
    const created = await send(
      'POST',
      `/api/v1/households/${id}/plans`,
      'worker1',
      plan(userIds.worker1 as string),
    );
    expect(created.status, created.text()).toBe(201);
    let info = created.json() as KeyInfo;
    expect(info.plans).toHaveLength(1);
    const p = info.plans[0] as KeyInfo['plans'][number];
    expect(p).toMatchObject({ status: 'active', owner: { id: userIds.worker1 } });
    expect(p.owner.displayName).toContain('网格员');
    expect(p.followUps.map((f) => f.dueDate)).toEqual(['2026-12-01', '2026-12-15']);

    const patched = await send('PATCH', `/api/v1/households/${id}/plans/${p.id}`, 'worker1', {
      measures: '每周上门一次',
      ownerUserId: userIds.leader,
      addFollowUpDates: ['2027-01-05'],
    });
    expect(patched.status, patched.text()).toBe(200);
    info = patched.json() as KeyInfo;
    expect(info.plans[0]).toMatchObject({ measures: '每周上门一次', owner: { id: userIds.leader } });
    expect(info.plans[0]?.followUps.map((f) => f.dueDate)).toEqual([
      '2026-12-01',
      '2026-12-15',
      '2027-01-05',
    ]);
    // A date the plan already has is refused.
    const repeated = await send('PATCH', `/api/v1/households/${id}/plans/${p.id}`, 'worker1', {
      addFollowUpDates: ['2026-12-01'],
    });
    expect(repeated.status).toBe(422);

    const followUp = info.plans[0]?.followUps[0] as KeyInfo['plans'][number]['followUps'][number];
    const doneUrl = `/api/v1/households/${id}/plans/${p.id}/follow-ups/${followUp.id}/done`;
    expect((await send('POST', doneUrl, 'worker1', { note: '' })).status).toBe(422);
    const done = await send('POST', doneUrl, 'worker1', { note: '已上门，助餐已落实' });
    expect(done.status, done.text()).toBe(200);
    const doneFollowUp = (done.json() as KeyInfo).plans[0]?.followUps[0];
    expect(doneFollowUp).toMatchObject({ note: '已上门，助餐已落实', doneBy: { id: userIds.worker1 } });
    expect(doneFollowUp?.doneAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await send('POST', doneUrl, 'worker1', { note: '又一次' })).status).toBe(409);

    const closed = await send('PATCH', `/api/v1/households/${id}/plans/${p.id}`, 'worker1', {
      status: 'closed',
    });
    expect((closed.json() as KeyInfo).plans[0]?.status).toBe('closed');
    const laterUrl = `/api/v1/households/${id}/plans/${p.id}/follow-ups/${info.plans[0]?.followUps[1]?.id}/done`;
    expect((await send('POST', laterUrl, 'worker1', { note: '关闭后' })).status).toBe(409);

    expect(await auditCount('plan.created')).toBeGreaterThanOrEqual(1);
    expect(await auditCount('plan.updated')).toBeGreaterThanOrEqual(2);
    expect(await auditCount('plan.follow_up_done')).toBe(1);
  });

  it('refuses an owner outside the household’s scope, an inactive owner, a plan for a household that is not key, and foreign plans', async () => {
    const id = await addHousehold(t, grid1, { tags: ['优抚'], isKey: true });
    const before = await snapshot();
    const outside = await send(
      'POST',
      `/api/v1/households/${id}/plans`,
      'worker1',
      plan(userIds.worker2 as string),
    );
    expect(outside.status).toBe(422);
    expect(JSON.stringify(outside.json())).toContain('ownerUserId');
    const admin = await send(
      'POST',
      `/api/v1/households/${id}/plans`,
      'worker1',
      plan(userIds.sysadmin as string),
    );
    expect(admin.status).toBe(422);
    await t.database.db
      .updateTable('app_user')
      .set({ active: false })
      .where('username', '=', 'dispatcher')
      .execute();
    try {
      const inactive = await send(
        'POST',
        `/api/v1/households/${id}/plans`,
        'worker1',
        plan(userIds.dispatcher as string),
      );
      expect(inactive.status).toBe(422);
    } finally {
      await t.database.db
        .updateTable('app_user')
        .set({ active: true })
        .where('username', '=', 'dispatcher')
        .execute();
    }
    const plain = await addHousehold(t, grid1);
    expect(
      (await send('POST', `/api/v1/households/${plain}/plans`, 'worker1', plan(userIds.worker1 as string)))
        .status,
    ).toBe(409);
    const noDates = await send(
      'POST',
      `/api/v1/households/${id}/plans`,
      'worker1',
      plan(userIds.worker1 as string, []),
    );
    expect(noDates.status).toBe(422);
    const twice = await send(
      'POST',
      `/api/v1/households/${id}/plans`,
      'worker1',
      plan(userIds.worker1 as string, ['2026-12-01', '2026-12-01']),
    );
    expect(twice.status).toBe(422);
    const badDate = await send(
      'POST',
      `/api/v1/households/${id}/plans`,
      'worker1',
      plan(userIds.worker1 as string, ['2026-02-30']),
    );
    expect(badDate.status).toBe(422);
    const status = await send('POST', `/api/v1/households/${id}/plans`, 'worker1', {
      ...plan(userIds.worker1 as string),
      status: 'closed',
    });
    expect(status.status).toBe(422);
    expect(await snapshot()).toEqual(before);

    // A plan of another household (worker2's) cannot be reached through this one, nor directly.
    const theirs = await addHousehold(t, grid2, { tags: ['低保'], isKey: true });
    const created = (
      await send('POST', `/api/v1/households/${theirs}/plans`, 'worker2', plan(userIds.worker2 as string))
    ).json() as KeyInfo;
    const planId = created.plans[0]?.id as string;
    expect(
      (await send('PATCH', `/api/v1/households/${id}/plans/${planId}`, 'worker1', { status: 'closed' }))
        .status,
    ).toBe(404);
    expect(
      (await send('PATCH', `/api/v1/households/${theirs}/plans/${planId}`, 'worker1', { status: 'closed' }))
        .status,
    ).toBe(404);
    const followUp = created.plans[0]?.followUps[0]?.id as string;
    expect(
      (
        await send(
          'POST',
          `/api/v1/households/${theirs}/plans/${planId}/follow-ups/${followUp}/done`,
          'worker1',
          {
            note: 'x',
          },
        )
      ).status,
    ).toBe(404);
  });

  it('follows the household tags: removing the last key tag hides key actions, the plan stays readable and closable', async () => {
    const created = await send('POST', '/api/v1/households', 'worker1', {
      gridId: grid1.id,
      address: '测试路8号',
      tags: ['独居老人'],
      tagLevels: {},
    });
    const id = (created.json() as { id: string }).id;
    const made = (
      await send('POST', `/api/v1/households/${id}/plans`, 'worker1', plan(userIds.worker1 as string))
    ).json() as KeyInfo;
    await send('PATCH', `/api/v1/households/${id}`, 'worker1', { tags: [] });
    const info = (await send('GET', `/api/v1/households/${id}/key-info`, 'worker1')).json() as KeyInfo;
    expect(info.isKey).toBe(false);
    expect(info.plans).toHaveLength(1);
    expect((await send('POST', `/api/v1/households/${id}/key-records`, 'worker1', record)).status).toBe(409);
    const close = await send('PATCH', `/api/v1/households/${id}/plans/${made.plans[0]?.id}`, 'worker1', {
      status: 'closed',
    });
    expect(close.status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/server/modules/auth/principal.ts';
import { type LedgerPage, ledgerPageSchema } from '../../src/shared/domain/ledger.ts';
import { act, principalOf, submit } from '../cases-insights/case-helpers.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addEnterprises } from '../support/enterprises.ts';

/** GET /api/v1/ledger/enterprises: enterprise cases by 入账 / 理账 / 结账 / 督账, and their figures. */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const p: Record<string, Principal> = {};
let enterpriseA: string;
let enterpriseB: string;
const ids: Record<string, string> = {};

const ledger = async (query: string, who = 'dispatcher') => {
  const res = await demo.send('GET', `/api/v1/ledger/enterprises?${query}`, undefined, cookies[who]);
  return { status: res.status, body: res.status === 200 ? ledgerPageSchema.parse(res.json()) : undefined };
};
const page = async (query: string, who = 'dispatcher') => (await ledger(query, who)).body as LedgerPage;

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 40);
  for (const who of ['dispatcher', 'worker1', 'worker2', 'leader', 'sysadmin']) {
    cookies[who] = await demo.signIn(who);
    p[who] = await principalOf(t, cookies[who] as string);
  }
  const grants = await demoGrants(t);
  const pathOf = (u: string) => grants.find((g) => g.username === u)?.path as string;
  const communityA = grants.find((g) => g.username === 'worker1')?.region_id as string;
  const gridA = (await firstGridBelow(t, pathOf('worker1'))).id;
  const gridB = (await firstGridBelow(t, pathOf('worker2'))).id;
  [enterpriseA] = (await addEnterprises(t, pathOf('worker1'), 1)) as [string];
  [enterpriseB] = (await addEnterprises(t, pathOf('worker2'), 1)) as [string];

  const w1 = p.worker1 as Principal;
  const dispatcher = p.dispatcher as Principal;
  const fromA = (title: string, channel: 'enterprise' | 'visit' = 'visit') =>
    submit(t, w1, {
      title,
      description: `${title}，企业反映。`,
      regionId: gridA,
      channel,
      reporter: { type: 'enterprise', enterpriseId: enterpriseA },
    });
  const accepted = async (title: string) => act(t, dispatcher, await fromA(title), 'accept', {});
  const dispatched = async (title: string) =>
    act(t, dispatcher, await accepted(title), 'dispatch', { unit: { regionId: communityA } });
  const followUp = async (title: string) => {
    const signed = await act(t, w1, await dispatched(title), 'sign', {});
    const replied = await act(t, w1, signed, 'reply', { reply: '已协调解决。' });
    return act(t, w1, replied, 'approve_reply', {});
  };

  ids.submitted = (await fromA('用工招聘咨询', 'enterprise')).id;
  ids.accepted = (await accepted('厂区道路破损')).id;
  ids.dispatched = (await dispatched('排污管道堵塞')).id;
  ids.closed = (await act(t, w1, await followUp('用电增容申请'), 'rate', { rating: 'satisfied' })).id;
  ids.reopened = (await act(t, w1, await followUp('门前停车难'), 'rate', { rating: 'unsatisfied' })).id;
  ids.rejected = (
    await act(t, dispatcher, await fromA('重复申请'), 'reject', {
      reason: '不属于受理范围',
      rejectKind: 'out_of_scope',
    })
  ).id;
  ids.supervised = (await accepted('消防验收催办')).id;
  await t.database.db
    .updateTable('case_record')
    .set({ supervised: true })
    .where('id', '=', ids.supervised)
    .execute();
  // Not an enterprise's case: never in the ledger.
  ids.resident = (
    await submit(t, w1, { title: '楼道灯不亮', description: '居民反映楼道灯不亮。', regionId: gridA })
  ).id;
  ids.otherCommunity = (
    await submit(t, p.worker2 as Principal, {
      title: '厂门口积水',
      description: '企业反映厂门口积水。',
      regionId: gridB,
      reporter: { type: 'enterprise', enterpriseId: enterpriseB },
    })
  ).id;
});
afterAll(async () => t.close());

describe('enterprise ledger', () => {
  it("lists an enterprise's cases by stage, newest first, with the figures of the cohort", async () => {
    const body = await page(`enterpriseId=${enterpriseA}&limit=100`);
    const stageOf = new Map(body.items.map((i) => [i.caseId, i.stage]));
    expect(
      Object.fromEntries([...stageOf].map(([id, s]) => [Object.keys(ids).find((k) => ids[k] === id), s])),
    ).toEqual({
      submitted: 'entered',
      accepted: 'entered',
      dispatched: 'handling',
      closed: 'settled',
      reopened: 'supervising',
      supervised: 'supervising',
    });
    expect(body.total).toBe(6);
    const created = body.items.map((i) => i.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    const closed = body.items.find((i) => i.caseId === ids.closed);
    expect(closed).toMatchObject({ state: 'closed', nextDueAt: null, enterpriseId: enterpriseA });
    expect(closed?.enterpriseName).toMatch(/有限公司$/);
    expect(body.items.find((i) => i.caseId === ids.dispatched)?.nextDueAt).not.toBeNull();
    expect(body.figures).toEqual({
      stages: { entered: 2, handling: 1, settled: 1, supervising: 2 },
      received: 7,
      closed: 1,
      // closed ÷ (received − rejected − merged − cancelled)
      closureRate: 1 / 6,
      rated: 2,
      satisfactionRate: 0.5,
    });
  });

  it('filters by stage exactly as the stage is shown', async () => {
    for (const stage of ['entered', 'handling', 'settled', 'supervising'] as const) {
      const body = await page(`enterpriseId=${enterpriseA}&stage=${stage}`);
      expect(body.items.length).toBe(body.figures.stages[stage]);
      expect(body.items.every((i) => i.stage === stage)).toBe(true);
    }
  });

  it('pages with a cursor without losing or repeating a case', async () => {
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const body: LedgerPage = await page(
        `enterpriseId=${enterpriseA}&limit=4${next ? `&after=${encodeURIComponent(next)}` : ''}`,
      );
      expect(body.items.length).toBeLessThanOrEqual(4);
      seen.push(...body.items.map((i) => i.caseId));
      next = body.next;
    } while (next);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect((await ledger('after=bm90LWEtY3Vyc29y')).status).toBe(422);
  });

  it('keeps to the period asked for', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await page(`enterpriseId=${enterpriseA}&createdFrom=${tomorrow}`)).figures.received).toBe(0);
    expect(
      (await page(`enterpriseId=${enterpriseA}&createdFrom=${today}&createdTo=${today}`)).figures.received,
    ).toBe(7);
  });

  it('shows each caller only the cases of their scope', async () => {
    const street = await page('limit=100');
    const streetIds = street.items.map((i) => i.caseId);
    expect(streetIds).toEqual(expect.arrayContaining([ids.closed, ids.otherCommunity]));
    expect(streetIds).not.toContain(ids.resident);
    expect(streetIds).not.toContain(ids.rejected);

    const mine = (await page('limit=100', 'worker2')).items.map((i) => i.caseId);
    expect(mine).toContain(ids.otherCommunity);
    expect(mine).not.toContain(ids.closed);
    expect((await ledger(`enterpriseId=${enterpriseA}`, 'worker2')).status).toBe(404);
    expect((await ledger(`enterpriseId=${enterpriseA}`, 'worker1')).status).toBe(200);
    expect((await ledger(`enterpriseId=${enterpriseA}`, 'leader')).status).toBe(200);
    expect((await ledger('', 'sysadmin')).status).toBe(403);
    expect((await ledger('stage=archived')).status).toBe(422);
  });
});

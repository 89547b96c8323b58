import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillEscalations } from '../../src/server/db/migrations/20261207T1900_clock_stop_reason.ts';
import type { Principal } from '../../src/server/modules/auth/principal.ts';
import { rebuildCaseFigures } from '../../src/server/modules/cases/case-figures.ts';
import { figuresReportSchema } from '../../src/shared/domain/figures.ts';
import { act, principalOf, submit } from '../cases-insights/case-helpers.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { expectRebuildEqualsKept } from '../support/figures.ts';

/**
 * 响应率 (docs/specs/workflow.md "Figures"): a first-contact clock is met when the handling unit
 * answered the resident before its deadline, by a contact or a reply. A unit that passes the case
 * up before contacting anyone has met nothing: its run is not counted, and the next unit's run
 * decides. Before the stopping action was kept, an escalation counted as a prompt response.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const p: Record<string, Principal> = {};
let leaderCookie: string;
let street: string;
let district: string;
let community: string;
let signed: (title: string) => Promise<{ id: string; version: number }>;

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 10);
  for (const who of ['dispatcher', 'worker1', 'leader']) {
    const cookie = await demo.signIn(who);
    if (who === 'leader') leaderCookie = cookie;
    p[who] = await principalOf(t, cookie);
  }
  const grants = await demoGrants(t);
  const worker1 = grants.find((g) => g.username === 'worker1');
  street = grants.find((g) => g.username === 'leader')?.region_id as string;
  district = worker1?.district_code as string;
  community = worker1?.region_id as string;
  const grid = (await firstGridBelow(t, worker1?.path as string)).id;
  signed = async (title: string) => {
    const submitted = await submit(t, p.worker1 as Principal, {
      title,
      description: `${title}，居民反映。`,
      regionId: grid,
    });
    const accepted = await act(t, p.dispatcher as Principal, submitted, 'accept', {});
    const dispatched = await act(t, p.dispatcher as Principal, accepted, 'dispatch', {
      unit: { regionId: community },
    });
    return act(t, p.worker1 as Principal, dispatched, 'sign', {});
  };
});
afterAll(async () => t.close());

const responseRate = async () => {
  const res = await demo.send(
    'GET',
    `/api/v1/figures?regionId=${street}&period=month`,
    undefined,
    leaderCookie,
  );
  expect(res.status, res.text()).toBe(200);
  return figuresReportSchema.parse(res.json()).current.cases.responseRate;
};

describe('the response rate (响应率)', () => {
  it('counts contacts and replies in time, and not a unit passing the case up', async () => {
    const w1 = p.worker1 as Principal;
    const contacted = await signed('响应联系');
    await act(t, w1, contacted, 'first_contact', { note: '已电话联系居民。' });
    const answered = await signed('响应答复');
    await act(t, w1, answered, 'reply', { reply: '已上门处理完毕。' });
    expect(await responseRate()).toMatchObject({ numerator: 2, denominator: 2 });

    // Passed up without a word to the resident: neither met nor due while the street holds it.
    const passedUp = await signed('响应上报');
    const escalated = await act(t, w1, passedUp, 'escalate', { reason: '需街道协调多个部门。' });
    expect(await responseRate()).toMatchObject({ numerator: 2, denominator: 2 });
    const stopped = await t.database.db
      .selectFrom('case_clock')
      .select(['stopped_by'])
      .where('case_id', '=', passedUp.id)
      .where('clock', '=', 'first_contact')
      .executeTakeFirstOrThrow();
    expect(stopped.stopped_by).toBe('escalate');

    // The street sends it back down: the unit's new run decides, and it is met.
    const again = await act(t, p.dispatcher as Principal, escalated, 'dispatch', {
      unit: { regionId: community },
    });
    const resigned = await act(t, w1, again, 'sign', {});
    expect(await responseRate()).toMatchObject({ numerator: 2, denominator: 2 });
    await act(t, w1, resigned, 'first_contact', { note: '街道协调后已联系居民。' });
    expect(await responseRate()).toMatchObject({ numerator: 3, denominator: 3 });

    await expectRebuildEqualsKept(t.database.db, 'case', district, rebuildCaseFigures);
  });

  it('learns, when migrated, which runs stopped before the reason was kept an escalation stopped', async () => {
    const w1 = p.worker1 as Principal;
    const passedUp = await signed('迁移上报');
    await act(t, w1, passedUp, 'escalate', { reason: '需街道协调。' });
    const contacted = await signed('迁移联系');
    await act(t, w1, contacted, 'first_contact', { note: '已联系居民。' });
    const db = t.database.db;
    const ids = [passedUp.id, contacted.id];
    const reasons = async () => {
      const rows = await db
        .selectFrom('case_clock')
        .select(['case_id', 'stopped_by'])
        .where('case_id', 'in', ids)
        .where('clock', '=', 'first_contact')
        .execute();
      return ids.map((id) => rows.find((r) => r.case_id === id)?.stopped_by);
    };
    expect(await reasons()).toEqual(['escalate', 'first_contact']);
    // As rows written before the migration look: stopped, with no reason.
    await db.updateTable('case_clock').set({ stopped_by: null }).where('case_id', 'in', ids).execute();
    await backfillEscalations(db as unknown as Kysely<unknown>);
    expect(await reasons()).toEqual(['escalate', null]);
  });
});

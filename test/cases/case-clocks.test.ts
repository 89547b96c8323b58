import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../src/server/modules/audit/audit.ts';
import type { Principal } from '../../src/server/modules/auth/principal.ts';
import { CASE_USE_CASES } from '../../src/server/modules/cases/case-actions.ts';
import type { CaseWriteContext } from '../../src/server/modules/cases/case-write-context.ts';
import { submitCase } from '../../src/server/modules/cases/submit-case.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';

/**
 * Clocks on the real calendar, through the use cases with a chosen "now": a case dispatched on the
 * Friday before National Day 2025 falls due on the make-up Sunday and after the holiday.
 */
let t: TestApp;
const principals: Record<string, Principal> = {};
let grid: string;
let urbanOffice: string;

const cst = (local: string) => new Date(`${local}+08:00`);

beforeAll(async () => {
  t = await createTestApp();
  const demo = await seedSmallDemo(t, 10);
  const grants = await demoGrants(t);
  grid = (await firstGridBelow(t, grants.find((g) => g.username === 'worker1')?.path as string)).id;
  urbanOffice = (
    await t.database.db
      .selectFrom('department')
      .select('id')
      .where('code', 'like', '%-urban')
      .executeTakeFirstOrThrow()
  ).id;
  for (const u of ['worker1', 'dispatcher', 'handler']) {
    const cookie = (await demo.signIn(u)).split(';')[0] as string;
    principals[u] = (await t.app.ctx.services.auth.resolve(
      cookie.slice(cookie.indexOf('=') + 1),
    )) as Principal;
  }
});
afterAll(async () => t.close());

const at = (user: string, now: Date): CaseWriteContext => ({
  db: t.database.db,
  principal: principals[user] as Principal,
  actor: actorOf(principals[user] as Principal, null),
  now,
});

async function dispatchedOn(urgency: 'urgent' | 'important' | 'ordinary', when: Date) {
  const created = await submitCase(
    { ...at('worker1', when), cipher: t.app.ctx.cipher },
    {
      channel: 'visit',
      kind: 'help',
      urgency,
      listType: 'problem',
      title: `节前派单${urgency}`,
      description: '国庆节前的周五下午派单',
      regionId: grid,
      reporter: { type: 'anonymous' },
    },
  );
  const accepted = await CASE_USE_CASES.accept(at('dispatcher', when), created.id, 1, {});
  await CASE_USE_CASES.dispatch(at('dispatcher', when), created.id, accepted.version, {
    unit: { departmentId: urbanOffice },
  });
  return created.id;
}

const dueOf = async (caseId: string, clock: string) => {
  const row = await t.database.db
    .selectFrom('case_clock')
    .select('due_at')
    .where('case_id', '=', caseId)
    .where('clock', '=', clock)
    .executeTakeFirstOrThrow();
  return new Date(row.due_at);
};

describe('case clocks on the official 2025 calendar', () => {
  it('gives an ordinary case dispatched on Friday 26 Sep 2025 its sign-off on the make-up Sunday and 15 working days past the holiday', async () => {
    const id = await dispatchedOn('ordinary', cst('2025-09-26T15:00:00'));
    // One working day: Saturday 27 is off, Sunday 28 is the make-up working day.
    expect(await dueOf(id, 'sign_off')).toEqual(cst('2025-09-28T17:30:00'));
    // 15 working days: 28, 29, 30 Sep; 9, 10, 11 (make-up Saturday), 13–17, 20–23 Oct.
    expect(await dueOf(id, 'handling')).toEqual(cst('2025-10-23T17:30:00'));
    // The weekly progress notice counts calendar days.
    expect(await dueOf(id, 'progress')).toEqual(cst('2025-10-03T15:00:00'));
  });

  it('counts an urgent case’s office hours across the weekend into the make-up Sunday', async () => {
    const id = await dispatchedOn('urgent', cst('2025-09-26T15:00:00'));
    // 1 h sign-off: 15:00–16:00 the same Friday.
    expect(await dueOf(id, 'sign_off')).toEqual(cst('2025-09-26T16:00:00'));
    // 8 office hours: 2.5 h on Friday, then Sunday 28 9:00–12:00 and 13:30–16:00.
    expect(await dueOf(id, 'handling')).toEqual(cst('2025-09-28T16:00:00'));
  });

  it('moves the handling deadline by approved working days, skipping the holiday', async () => {
    const id = await dispatchedOn('urgent', cst('2025-09-26T15:00:00'));
    const signed = await CASE_USE_CASES.sign(at('handler', cst('2025-09-26T15:30:00')), id, 3, {});
    const asked = await CASE_USE_CASES.request_extension(
      at('handler', cst('2025-09-28T10:00:00')),
      id,
      signed.version,
      {
        workingDays: 2,
        reason: '节日期间无法施工',
      },
    );
    await CASE_USE_CASES.approve_extension(
      at('dispatcher', cst('2025-09-28T11:00:00')),
      id,
      asked.version,
      {},
    );
    // Two working days after Sunday 28 Sep: Monday 29 and Tuesday 30, at the end of the office day.
    expect(await dueOf(id, 'handling')).toEqual(cst('2025-09-30T17:30:00'));
  });
});

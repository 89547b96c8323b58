import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepClocks } from '../../src/server/jobs/case-sweeper.ts';
import { type CaseKit, caseKit } from '../notifications/case-kit.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

/** The clock sweeper (issue 4 §5): 催办 once, 督办 after the delay, catch-up, two sweeps at once. */
const NOW = new Date('2026-03-02T02:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

let t: TestApp;
let k: CaseKit;
const config = () => ({ cases: { ...t.app.ctx.config.cases, supervisionDelayHours: 24 } });

beforeAll(async () => {
  t = await createTestApp();
  k = await caseKit(t);
});
afterAll(async () => t.close());

async function dispatched(unit: { departmentId: string } | { regionId: string }, hours = 0) {
  const { id } = await k.submit('worker1', at(hours));
  await k.act('dispatcher', 'accept', id, at(hours), {});
  await k.act('dispatcher', 'dispatch', id, at(hours), { unit });
  return id;
}

const events = (caseId: string, action?: string) => {
  let q = t.database.db.selectFrom('case_event').selectAll().where('case_id', '=', caseId);
  if (action) q = q.where('action', '=', action);
  return q.orderBy('seq').execute();
};
const record = (caseId: string) =>
  t.database.db.selectFrom('case_record').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();

describe('sweepClocks', () => {
  it('marks a missed sign-off overdue once, reminds the unit, and supervises after the delay', async () => {
    const id = await dispatched({ departmentId: k.urbanOffice });
    // The sign-off clock (one working day) has not run out an hour later.
    await sweepClocks(t.database.db, config(), at(1));
    expect(await events(id, 'overdue')).toEqual([]);

    const late = at(50);
    await sweepClocks(t.database.db, config(), late);
    const [overdue, ...more] = await events(id, 'overdue');
    expect(more).toEqual([]);
    expect(overdue).toMatchObject({ from_state: 'dispatched', to_state: 'dispatched', actor_id: null });
    expect(overdue?.detail).toMatchObject({ clock: 'sign_off', reminded: true });
    const row = await record(id);
    expect(row.overdue).toBe(true);
    expect(row.state).toBe('dispatched');
    expect(row.version).toBe(overdue?.seq);
    const clock = await t.database.db
      .selectFrom('case_clock')
      .selectAll()
      .where('case_id', '=', id)
      .where('clock', '=', 'sign_off')
      .executeTakeFirstOrThrow();
    expect(clock.overdue_at).toEqual(late);
    expect(clock.reminded_at).toEqual(late);
    expect(await k.inAppRecipients(id, 'case.overdue')).toEqual([k.userId('handler')]);
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('object_id', '=', id)
      .where('action', '=', 'case.overdue')
      .execute();
    expect(audits).toEqual([{ action: 'case.overdue', actor_name: 'system' }]);

    // Again at the same instant, and before the supervision delay: nothing new.
    await sweepClocks(t.database.db, config(), late);
    await sweepClocks(t.database.db, config(), new Date(late.getTime() + 23 * HOUR));
    expect(await events(id, 'overdue')).toHaveLength(1);
    expect(await events(id, 'supervise')).toEqual([]);

    await sweepClocks(t.database.db, config(), new Date(late.getTime() + 25 * HOUR));
    const supervise = await events(id, 'supervise');
    expect(supervise).toHaveLength(1);
    expect(supervise[0]?.detail).toMatchObject({ clock: 'sign_off' });
    expect((await record(id)).supervised).toBe(true);
    expect(await k.inAppRecipients(id, 'case.supervise')).toEqual(
      [k.userId('handler'), k.userId('leader')].sort(),
    );
    await sweepClocks(t.database.db, config(), new Date(late.getTime() + 100 * HOUR));
    expect(await events(id, 'supervise')).toHaveLength(1);
  });

  it('catches up after downtime: every clock that ran out is marked, one event each', async () => {
    const ids = [
      await dispatched({ departmentId: k.urbanOffice }, 100),
      await dispatched({ regionId: k.grid.id }, 100),
    ];
    const totals = await sweepClocks(t.database.db, config(), at(100 + 24 * 60));
    expect(totals.errors).toBe(0);
    for (const id of ids) {
      const overdue = await events(id, 'overdue');
      expect(overdue.map((e) => (e.detail as { clock: string }).clock).sort()).toEqual([
        'handling',
        'sign_off',
      ]);
      expect(await events(id, 'progress_due')).toHaveLength(1);
      // The weekly progress reminder goes to the first responder; it is not a missed deadline.
      expect(await k.inAppRecipients(id, 'case.progress_due')).toEqual([k.userId('worker1')]);
      const seqs = (await events(id)).map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    expect(await k.inAppRecipients(ids[1] as string, 'case.overdue')).toEqual([
      k.userId('worker1'),
      k.userId('worker1'),
    ]);
  });

  it('marks each clock once when two sweeps run at the same time', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => dispatched({ departmentId: k.urbanOffice }, 2000)));
    const when = at(2000 + 24 * 60);
    const [a, b] = await Promise.all([
      sweepClocks(t.database.db, config(), when),
      sweepClocks(t.database.db, config(), when),
    ]);
    expect((a?.errors ?? 0) + (b?.errors ?? 0)).toBe(0);
    for (const id of ids) {
      const overdue = await events(id, 'overdue');
      expect(overdue.map((e) => (e.detail as { clock: string }).clock).sort()).toEqual([
        'handling',
        'sign_off',
      ]);
      expect(await events(id, 'progress_due')).toHaveLength(1);
    }
  });

  it('deletes expired idempotency keys and keeps live ones', async () => {
    const districtCode = (await record(await dispatched({ departmentId: k.urbanOffice }, 3000)))
      .district_code;
    const row = (key: string, expires: Date) => ({
      district_code: districtCode,
      owner: uuidv7(),
      key,
      request_hash: 'h',
      status: 'done' as const,
      expires_at: expires,
    });
    await t.database.db
      .insertInto('idempotency_key')
      .values([row('old', at(3000)), row('live', at(9000))])
      .execute();
    const totals = await sweepClocks(t.database.db, config(), at(3001));
    expect(totals.idempotencyKeysDeleted).toBe(1);
    const left = await t.database.db.selectFrom('idempotency_key').select('key').execute();
    expect(left.map((r) => r.key)).toEqual(['live']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaseJobs } from '../../src/server/jobs/job-queue.ts';
import { type CaseKit, caseKit } from '../notifications/case-kit.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

/** pg-boss on the application's own database runs the sweep and delivers what it queued. */
let t: TestApp;
let k: CaseKit;

beforeAll(async () => {
  t = await createTestApp();
  k = await caseKit(t);
});
afterAll(async () => t.close());

describe('startCaseJobs', () => {
  it('sweeps at start (catching up) and delivers the reminders, then stops cleanly', async () => {
    // A case dispatched long ago: its sign-off clock ran out while "the server was down".
    const past = new Date(Date.now() - 30 * 86_400_000);
    const { id } = await k.submit('worker1', past);
    await k.act('dispatcher', 'accept', id, past, {});
    await k.act('dispatcher', 'dispatch', id, past, { unit: { departmentId: k.urbanOffice } });
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    const stop = await startCaseJobs({
      database: t.database,
      config: t.app.ctx.config,
      cipher: t.app.ctx.cipher,
      log: log as never,
    });
    try {
      // A hang guard, not a speed bound: on a loaded machine pg-boss may take a while to poll.
      const deadline = Date.now() + 300_000;
      let delivered: unknown[] = [];
      while (Date.now() < deadline && delivered.length === 0) {
        await new Promise((r) => setTimeout(r, 250));
        delivered = await t.database.db
          .selectFrom('notification')
          .select('id')
          .where('case_id', '=', id)
          .where('topic', '=', 'case.overdue')
          .where('user_id', '=', k.userId('handler'))
          .execute();
      }
      expect(delivered.length).toBeGreaterThan(0);
    } finally {
      await stop();
    }
    const overdue = await t.database.db
      .selectFrom('case_event')
      .select('detail')
      .where('case_id', '=', id)
      .where('action', '=', 'overdue')
      .execute();
    expect(overdue.map((e) => (e.detail as { clock: string }).clock).sort()).toEqual([
      'handling',
      'sign_off',
    ]);
  });
});

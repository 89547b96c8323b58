import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type CaseKit, caseKit } from './case-kit.ts';

/** Who a case change notifies (issue 4 §4): the people who must act next, never the actor. */
const NOW = new Date('2026-03-02T02:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

let t: TestApp;
let k: CaseKit;

beforeAll(async () => {
  t = await createTestApp();
  k = await caseKit(t);
});
afterAll(async () => t.close());

describe('in-app recipients per action', () => {
  it('follows a case through dispatch, return, whistle, reply and reopening', async () => {
    const { id } = await k.submit('worker1', NOW);
    const dispatcher = k.userId('dispatcher');
    const handler = k.userId('handler');
    const worker1 = k.userId('worker1');
    expect(await k.inAppRecipients(id, 'case.submit')).toEqual([dispatcher]);

    await k.act('dispatcher', 'accept', id, later(1), {});
    expect(await k.inAppRecipients(id, 'case.accept')).toEqual([]);
    await k.act('dispatcher', 'dispatch', id, later(2), { unit: { departmentId: k.urbanOffice } });
    expect(await k.inAppRecipients(id, 'case.dispatch')).toEqual([handler]);

    await k.act('handler', 'return', id, later(3), { reason: '不属于本办职责', returnKind: 'not_our_duty' });
    expect(await k.inAppRecipients(id, 'case.return')).toEqual([dispatcher]);
    await k.act('dispatcher', 'refuse_return', id, later(4), { reason: '属于城管职责' });
    expect(await k.inAppRecipients(id, 'case.refuse_return')).toEqual([handler]);

    await k.act('handler', 'sign', id, later(5), {});
    await k.act('handler', 'request_extension', id, later(6), { workingDays: 3, reason: '需协调物业' });
    expect(await k.inAppRecipients(id, 'case.request_extension')).toEqual([dispatcher]);
    await k.act('dispatcher', 'approve_extension', id, later(7), {});

    await k.act('dispatcher', 'whistle', id, later(8), {
      leadDepartmentId: k.lawEnforcement,
      assistDepartmentIds: [],
      reportWithinMinutes: 30,
    });
    // Only the summoned department, not the unit already on the case.
    expect(await k.inAppRecipients(id, 'case.whistle')).toEqual([k.userId('handler2')]);
    const task = await k.db
      .selectFrom('case_task')
      .select('id')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    await k.act('handler2', 'complete_task', id, later(9), { taskId: task.id, note: '已到场处置' });

    await k.act('handler', 'reply', id, later(10), { reply: '已修复路灯' });
    expect(await k.inAppRecipients(id, 'case.reply')).toEqual([worker1]);
    await k.act('worker1', 'approve_reply', id, later(11), {});
    await k.act('worker1', 'rate', id, later(12), { rating: 'unsatisfied' });
    expect(await k.inAppRecipients(id, 'case.rate')).toEqual([dispatcher]);
    await k.act('dispatcher', 'rehandle', id, later(13), {});
    expect(await k.inAppRecipients(id, 'case.rehandle')).toEqual([handler]);

    // Every change also leaves exactly one webhook message.
    const webhooks = await k.db
      .selectFrom('outbox_message')
      .select('topic')
      .where('case_id', '=', id)
      .where('channel', '=', 'webhook')
      .execute();
    const events = await k.db.selectFrom('case_event').select('action').where('case_id', '=', id).execute();
    expect(webhooks.map((w) => w.topic).sort()).toEqual(events.map((e) => `case.${e.action}`).sort());
  });

  it("tells the dispatchers of the case's own level as it rises: community, street, district", async () => {
    const { id } = await k.submit('worker1', NOW, { channel: 'visit' });
    const [community, street, district] = ['cdispatcher', 'dispatcher', 'ddispatcher'].map(k.userId);
    expect(await k.inAppRecipients(id, 'case.submit')).toEqual([community]);
    await k.act('cdispatcher', 'accept', id, later(1), {});
    await k.act('cdispatcher', 'escalate', id, later(2), { reason: '社区无法解决' });
    expect(await k.inAppRecipients(id, 'case.escalate')).toEqual([street]);
    await k.act('dispatcher', 'escalate', id, later(3), { reason: '需区级统筹' });
    // Both escalations' notices: the second went to the district alone.
    expect(await k.inAppRecipients(id, 'case.escalate')).toEqual([street, district].sort());
  });

  it('notifies the grid workers of a community or grid unit, and a satisfied rating nobody', async () => {
    const { id } = await k.submit('dispatcher', NOW);
    // The dispatcher filed it: the other dispatchers would hear, the actor does not.
    expect(await k.inAppRecipients(id, 'case.submit')).toEqual([]);
    await k.act('dispatcher', 'accept', id, later(1), {});
    await k.act('dispatcher', 'dispatch', id, later(2), { unit: { regionId: k.grid.id } });
    expect(await k.inAppRecipients(id, 'case.dispatch')).toEqual([k.userId('worker1')]);
  });

  it('queues a progress notice text to the reporter without the number in the outbox', async () => {
    const { id } = await k.submit('worker1', NOW, {
      reporter: { type: 'resident', name: '李四', phone: '13812345678' },
    });
    await k.act('dispatcher', 'accept', id, later(1), {});
    await k.act('worker1', 'progress_notice', id, later(2), { message: '已联系物业，本周内修复' });
    const [sms, ...more] = (await k.outbox(id, 'case.progress_notice')).filter((m) => m.channel === 'sms');
    expect(more).toEqual([]);
    expect(sms?.recipient).toBe('case-reporter');
    expect(sms?.payload).toMatchObject({ message: '已联系物业，本周内修复' });
    expect(JSON.stringify(sms)).not.toContain('13812345678');

    const { id: silent } = await k.submit('worker1', NOW);
    await k.act('dispatcher', 'accept', silent, later(1), {});
    await k.act('worker1', 'progress_notice', silent, later(2), { message: '处理中' });
    expect((await k.outbox(silent, 'case.progress_notice')).filter((m) => m.channel === 'sms')).toEqual([]);
  });
});

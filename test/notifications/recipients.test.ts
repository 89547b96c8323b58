import { describe, expect, it } from 'vitest';
import { caseKitPerFile } from './case-kit.ts';

/** Who a case change notifies (issue 4 §4): the people who must act next, never the actor. */
const NOW = new Date('2026-03-02T02:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const kit = caseKitPerFile();

describe('in-app recipients per action', () => {
  it('follows a case through dispatch, return, whistle, reply and reopening', async () => {
    const { id } = await kit.k.submit('worker1', NOW);
    const dispatcher = kit.k.userId('dispatcher');
    const handler = kit.k.userId('handler');
    const worker1 = kit.k.userId('worker1');
    expect(await kit.k.inAppRecipients(id, 'case.submit')).toEqual([dispatcher]);

    await kit.k.act('dispatcher', 'accept', id, later(1), {});
    expect(await kit.k.inAppRecipients(id, 'case.accept')).toEqual([]);
    await kit.k.act('dispatcher', 'dispatch', id, later(2), { unit: { departmentId: kit.k.urbanOffice } });
    expect(await kit.k.inAppRecipients(id, 'case.dispatch')).toEqual([handler]);

    await kit.k.act('handler', 'return', id, later(3), {
      reason: '不属于本办职责',
      returnKind: 'not_our_duty',
    });
    expect(await kit.k.inAppRecipients(id, 'case.return')).toEqual([dispatcher]);
    await kit.k.act('dispatcher', 'refuse_return', id, later(4), { reason: '属于城管职责' });
    expect(await kit.k.inAppRecipients(id, 'case.refuse_return')).toEqual([handler]);

    await kit.k.act('handler', 'sign', id, later(5), {});
    await kit.k.act('handler', 'request_extension', id, later(6), { workingDays: 3, reason: '需协调物业' });
    expect(await kit.k.inAppRecipients(id, 'case.request_extension')).toEqual([dispatcher]);
    await kit.k.act('dispatcher', 'approve_extension', id, later(7), {});

    await kit.k.act('dispatcher', 'whistle', id, later(8), {
      leadDepartmentId: kit.k.lawEnforcement,
      assistDepartmentIds: [],
      reportWithinMinutes: 30,
    });
    // Only the summoned department, not the unit already on the case.
    expect(await kit.k.inAppRecipients(id, 'case.whistle')).toEqual([kit.k.userId('handler2')]);
    const task = await kit.k.db
      .selectFrom('case_task')
      .select('id')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    await kit.k.act('handler2', 'complete_task', id, later(9), { taskId: task.id, note: '已到场处置' });

    await kit.k.act('handler', 'reply', id, later(10), { reply: '已修复路灯' });
    expect(await kit.k.inAppRecipients(id, 'case.reply')).toEqual([worker1]);
    await kit.k.act('worker1', 'approve_reply', id, later(11), {});
    await kit.k.act('worker1', 'rate', id, later(12), { rating: 'unsatisfied' });
    expect(await kit.k.inAppRecipients(id, 'case.rate')).toEqual([dispatcher]);
    await kit.k.act('dispatcher', 'rehandle', id, later(13), {});
    expect(await kit.k.inAppRecipients(id, 'case.rehandle')).toEqual([handler]);

    // Every change also leaves exactly one webhook message.
    const webhooks = await kit.k.db
      .selectFrom('outbox_message')
      .select('topic')
      .where('case_id', '=', id)
      .where('channel', '=', 'webhook')
      .execute();
    const events = await kit.k.db
      .selectFrom('case_event')
      .select('action')
      .where('case_id', '=', id)
      .execute();
    expect(webhooks.map((w) => w.topic).sort()).toEqual(events.map((e) => `case.${e.action}`).sort());
  });

  it("tells the dispatchers of the case's own level as it rises: community, street, district", async () => {
    const { id } = await kit.k.submit('worker1', NOW, { channel: 'visit' });
    const [community, street, district] = ['cdispatcher', 'dispatcher', 'ddispatcher'].map(kit.k.userId);
    expect(await kit.k.inAppRecipients(id, 'case.submit')).toEqual([community]);
    await kit.k.act('cdispatcher', 'accept', id, later(1), {});
    await kit.k.act('cdispatcher', 'escalate', id, later(2), { reason: '社区无法解决' });
    expect(await kit.k.inAppRecipients(id, 'case.escalate')).toEqual([street]);
    await kit.k.act('dispatcher', 'escalate', id, later(3), { reason: '需区级统筹' });
    // Both escalations' notices: the second went to the district alone.
    expect(await kit.k.inAppRecipients(id, 'case.escalate')).toEqual([street, district].sort());
  });

  it('notifies the grid workers of a community or grid unit, and a satisfied rating nobody', async () => {
    const { id } = await kit.k.submit('dispatcher', NOW);
    // The dispatcher filed it: the other dispatchers would hear, the actor does not.
    expect(await kit.k.inAppRecipients(id, 'case.submit')).toEqual([]);
    await kit.k.act('dispatcher', 'accept', id, later(1), {});
    await kit.k.act('dispatcher', 'dispatch', id, later(2), { unit: { regionId: kit.k.grid.id } });
    expect(await kit.k.inAppRecipients(id, 'case.dispatch')).toEqual([kit.k.userId('worker1')]);
  });

  it('queues a progress notice text to the reporter without the number in the outbox', async () => {
    const { id } = await kit.k.submit('worker1', NOW, {
      reporter: { type: 'resident', name: '李四', phone: '13812345678' },
    });
    await kit.k.act('dispatcher', 'accept', id, later(1), {});
    await kit.k.act('worker1', 'progress_notice', id, later(2), { message: '已联系物业，本周内修复' });
    const [sms, ...more] = (await kit.k.outbox(id, 'case.progress_notice')).filter(
      (m) => m.channel === 'sms',
    );
    expect(more).toEqual([]);
    expect(sms?.recipient).toBe('case-reporter');
    expect(sms?.payload).toMatchObject({ message: '已联系物业，本周内修复' });
    expect(JSON.stringify(sms)).not.toContain('13812345678');

    const { id: silent } = await kit.k.submit('worker1', NOW);
    await kit.k.act('dispatcher', 'accept', silent, later(1), {});
    await kit.k.act('worker1', 'progress_notice', silent, later(2), { message: '处理中' });
    expect((await kit.k.outbox(silent, 'case.progress_notice')).filter((m) => m.channel === 'sms')).toEqual(
      [],
    );
  });
});

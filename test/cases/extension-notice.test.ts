import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/server/jobs/outbox-delivery.ts';
import type { SmsGateway } from '../../src/server/modules/notifications/sms-gateway.ts';
import { cstDay } from '../../src/shared/time/china-time.ts';
import { type CaseKit, caseKit } from '../notifications/case-kit.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

/**
 * An approved extension tells the reporter by itself: the approval queues, in its own transaction,
 * a text to the reporter's phone with the new deadline (nothing when no phone is known), and
 * in-app notices to the unit that asked and to the first responder.
 */
const NOW = new Date('2026-03-02T02:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const PHONE = '13712345678';

let t: TestApp;
let k: CaseKit;

beforeAll(async () => {
  t = await createTestApp();
  k = await caseKit(t);
});
afterAll(async () => t.close());

/** A case taken in by worker1, signed by the urban office, with an extension of `days` asked for. */
async function extensionAsked(reporter: { type: 'resident'; name: string; phone?: string }, days: number) {
  const { id } = await k.submit('worker1', NOW, { reporter });
  await k.act('dispatcher', 'accept', id, later(1), {});
  await k.act('dispatcher', 'dispatch', id, later(2), { unit: { departmentId: k.urbanOffice } });
  await k.act('handler', 'sign', id, later(3), {});
  await k.act('handler', 'request_extension', id, later(4), { workingDays: days, reason: '需协调产权单位' });
  return id;
}

const handlingDue = async (id: string) =>
  new Date(
    (
      await k.db
        .selectFrom('case_clock')
        .select('due_at')
        .where('case_id', '=', id)
        .where('clock', '=', 'handling')
        .where('stopped_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).due_at,
  );

describe('approving an extension', () => {
  it('queues a text to the reporter with the new deadline, and in-app notices to the unit and the first responder', async () => {
    const id = await extensionAsked({ type: 'resident', name: '王五', phone: PHONE }, 4);
    const dueBefore = await handlingDue(id);
    await k.act('dispatcher', 'approve_extension', id, later(5), {});
    const due = await handlingDue(id);
    expect(due.getTime()).toBeGreaterThan(dueBefore.getTime());

    const messages = await k.outbox(id, 'case.approve_extension');
    const texts = messages.filter((m) => m.channel === 'sms');
    expect(texts).toHaveLength(1);
    expect(texts[0]?.recipient).toBe('case-reporter');
    expect(texts[0]?.payload).toMatchObject({
      message: `办理期限已延长4个工作日，预计${cstDay(due)}前办结。`,
    });
    // The number never sits in the outbox; delivery reads it from the case.
    expect(JSON.stringify(texts)).not.toContain(PHONE);
    expect(await k.inAppRecipients(id, 'case.approve_extension')).toEqual(
      [k.userId('handler'), k.userId('worker1')].sort(),
    );

    // Delivered, it reaches the reporter's own number with the deadline in the text.
    const sent: { phone: string; text: string }[] = [];
    const sms: SmsGateway = {
      async send(phone, text) {
        sent.push({ phone, text });
      },
    };
    await deliverDue(
      {
        db: t.database.db,
        settings: { ...t.app.ctx.config.cases, webhooks: { urls: [], secret: undefined } },
        cipher: t.app.ctx.cipher,
        sms,
        log: { info: () => {}, warn: () => {} },
      },
      later(6),
      { maxBatches: 100 },
    );
    expect(sent).toEqual([{ phone: PHONE, text: expect.stringContaining(`预计${cstDay(due)}前办结`) }]);
  });

  it('queues no text when the reporter left no phone, and none when the extension is refused', async () => {
    const silent = await extensionAsked({ type: 'resident', name: '赵六' }, 2);
    await k.act('dispatcher', 'approve_extension', silent, later(5), {});
    const approved = await k.outbox(silent, 'case.approve_extension');
    expect(approved.filter((m) => m.channel === 'sms')).toEqual([]);
    expect(approved.filter((m) => m.channel === 'in_app')).toHaveLength(2);

    const refused = await extensionAsked({ type: 'resident', name: '钱七', phone: PHONE }, 2);
    await k.act('dispatcher', 'refuse_extension', refused, later(5), { reason: '期限内可以办结' });
    const messages = await k.outbox(refused, 'case.refuse_extension');
    expect(messages.filter((m) => m.channel === 'sms')).toEqual([]);
    expect(await k.inAppRecipients(refused, 'case.refuse_extension')).toEqual(
      [k.userId('handler'), k.userId('worker1')].sort(),
    );
  });
});

import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSettings } from '../../src/server/config.ts';
import {
  type DeliveryDeps,
  deliverDue,
  MAX_ATTEMPTS,
  retryDelayMs,
} from '../../src/server/jobs/outbox-delivery.ts';
import { createHttpSmsGateway, type SmsGateway } from '../../src/server/modules/notifications/sms-gateway.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type CaseKit, caseKit } from './case-kit.ts';

/** The outbox delivery worker (issue 4 §4): channels, retries with back-off, nothing lost on a crash. */
const NOW = new Date('2026-03-02T02:00:00Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const SECRET = 'a-webhook-secret-of-some-length';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local HTTP endpoint answering `status()`, keeping what it received. */
async function endpoint(status: () => number) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status()).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let t: TestApp;
let k: CaseKit;
const sent: { phone: string; text: string }[] = [];
const recordingSms: SmsGateway = {
  async send(phone, text) {
    sent.push({ phone, text });
  },
};
const silentLog = { info: () => {}, warn: () => {} };

function deps(settings: Partial<CaseSettings> = {}, extra: Partial<DeliveryDeps> = {}): DeliveryDeps {
  return {
    db: t.database.db,
    settings: { ...t.app.ctx.config.cases, webhooks: { urls: [], secret: undefined }, ...settings },
    cipher: t.app.ctx.cipher,
    sms: recordingSms,
    log: silentLog,
    ...extra,
  };
}

const message = (id: string) =>
  t.database.db.selectFrom('outbox_message').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Leaves only the given messages pending, so a pass works on them alone. */
async function onlyPending(ids: string[]) {
  await t.database.db
    .updateTable('outbox_message')
    .set({ delivered_at: NOW })
    .where('delivered_at', 'is', null)
    .where('id', 'not in', ids)
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  k = await caseKit(t);
});
afterAll(async () => t.close());

describe('in-app delivery and the notifications API', () => {
  it('turns in-app messages into notifications the recipient lists and marks read, nobody else', async () => {
    const { id } = await k.submit('worker1', NOW, { title: '井盖缺失' });
    await k.act('dispatcher', 'accept', id, at(1), {});
    await k.act('dispatcher', 'dispatch', id, at(2), { unit: { departmentId: k.urbanOffice } });
    const totals = await deliverDue(deps(), at(3));
    expect(totals.delivered).toBeGreaterThanOrEqual(5);
    const pending = await t.database.db
      .selectFrom('outbox_message')
      .select('id')
      .where('case_id', '=', id)
      .where('delivered_at', 'is', null)
      .execute();
    expect(pending).toEqual([]);

    const handler = await k.demo.signIn('handler');
    const list = await k.demo.send('GET', '/api/v1/notifications', undefined, handler);
    expect(list.status).toBe(200);
    const body = list.json() as {
      items: {
        id: string;
        topic: string;
        caseId: string;
        params: { title: string };
        readAt: string | null;
      }[];
      unread: number;
    };
    const mine = body.items.filter((n) => n.caseId === id);
    expect(mine.map((n) => n.topic)).toEqual(['case.dispatch']);
    expect(mine[0]?.params.title).toBe('井盖缺失');
    const unread = body.unread;
    expect(unread).toBeGreaterThanOrEqual(1);

    const other = await k.demo.signIn('worker2');
    const notTheirs = await k.demo.send('POST', `/api/v1/notifications/${mine[0]?.id}/read`, {}, other);
    expect(notTheirs.status).toBe(404);
    const read = await k.demo.send('POST', `/api/v1/notifications/${mine[0]?.id}/read`, {}, handler);
    expect(read.status).toBe(200);
    expect((read.json() as { readAt: string | null }).readAt).not.toBeNull();
    const after = (
      await k.demo.send('GET', '/api/v1/notifications?unread=true', undefined, handler)
    ).json() as {
      items: { id: string }[];
      unread: number;
    };
    expect(after.unread).toBe(unread - 1);
    expect(after.items.map((n) => n.id)).not.toContain(mine[0]?.id);
  });

  it('pages newest first', async () => {
    const dispatcher = await k.demo.signIn('dispatcher');
    for (let i = 0; i < 3; i++) await k.submit('worker1', at(10 + i));
    await deliverDue(deps(), at(20));
    const first = (
      await k.demo.send('GET', '/api/v1/notifications?limit=2', undefined, dispatcher)
    ).json() as {
      items: { id: string; createdAt: string }[];
      next: string | null;
    };
    expect(first.items).toHaveLength(2);
    expect(first.next).toBe(first.items[1]?.id);
    const second = (
      await k.demo.send('GET', `/api/v1/notifications?limit=2&after=${first.next}`, undefined, dispatcher)
    ).json() as { items: { id: string }[] };
    expect(second.items.length).toBeGreaterThan(0);
    const ids = [...first.items, ...second.items].map((n) => n.id);
    expect(ids).toEqual([...ids].sort().reverse());
  });
});

describe('retries', () => {
  it('retries a failing delivery with exponential back-off and gives up after the last attempt', async () => {
    let status = 500;
    const hook = await endpoint(() => status);
    try {
      const { id } = await k.submit('worker1', NOW);
      const [msg] = await k.outbox(id, 'case.submit').then((m) => m.filter((x) => x.channel === 'webhook'));
      await onlyPending([msg?.id as string]);
      const settings = { webhooks: { urls: [hook.url], secret: SECRET } };
      expect(await deliverDue(deps(settings), at(1))).toEqual({ delivered: 0, retried: 1, failed: 0 });
      let m = await message(msg?.id as string);
      expect(m.attempts).toBe(1);
      expect(new Date(m.next_attempt_at).getTime()).toBe(at(1).getTime() + 30_000);
      expect(m.last_error).toContain('500');
      // Not due yet: nothing is sent.
      await deliverDue(deps(settings), at(20));
      expect(hook.received).toHaveLength(1);
      await deliverDue(deps(settings), at(32));
      m = await message(msg?.id as string);
      expect(m.attempts).toBe(2);
      expect(new Date(m.next_attempt_at).getTime()).toBe(at(32).getTime() + 60_000);
      // Back at work: the next due attempt delivers.
      status = 204;
      await deliverDue(deps(settings), at(100));
      m = await message(msg?.id as string);
      expect(m.delivered_at).not.toBeNull();
      expect(m.attempts).toBe(3);

      status = 503;
      const { id: doomed } = await k.submit('worker1', NOW);
      const [d] = (await k.outbox(doomed, 'case.submit')).filter((x) => x.channel === 'webhook');
      await onlyPending([d?.id as string]);
      let clock = at(1).getTime();
      for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
        await deliverDue(deps(settings), new Date(clock));
        clock += retryDelayMs(MAX_ATTEMPTS) + 1000;
      }
      const gaveUp = await message(d?.id as string);
      expect(gaveUp.attempts).toBe(MAX_ATTEMPTS);
      expect(gaveUp.failed_at).not.toBeNull();
      expect(gaveUp.delivered_at).toBeNull();
      expect(retryDelayMs(20)).toBe(3_600_000);
    } finally {
      await hook.close();
    }
  });

  it('retries later a message whose delivery throws', async () => {
    const { id } = await k.submit('worker1', NOW, { reporter: { type: 'resident', phone: '13912345678' } });
    await k.act('dispatcher', 'accept', id, at(1), {});
    await k.act('worker1', 'progress_notice', id, at(2), { message: '正在协调' });
    const [sms] = (await k.outbox(id, 'case.progress_notice')).filter((m) => m.channel === 'sms');
    await onlyPending([sms?.id as string]);
    let fail = true;
    const flaky: SmsGateway = {
      async send(phone, text) {
        if (fail) throw new Error('gateway down');
        sent.push({ phone, text });
      },
    };
    await deliverDue(deps({}, { sms: flaky }), at(3));
    expect((await message(sms?.id as string)).attempts).toBe(1);
    fail = false;
    await deliverDue(deps({}, { sms: flaky }), at(3 + 31));
    expect((await message(sms?.id as string)).delivered_at).not.toBeNull();
    expect(sent.at(-1)).toEqual({ phone: '13912345678', text: expect.stringContaining('正在协调') });
  });

  it('leaves a message picked by a pass that crashed before marking it to the next pass', async () => {
    const { id } = await k.submit('worker1', NOW);
    const [msg] = (await k.outbox(id, 'case.submit')).filter((m) => m.channel === 'in_app');
    await onlyPending([msg?.id as string]);
    const crash = async () => {
      throw new Error('process died');
    };
    await expect(deliverDue(deps({}, { afterPick: crash }), at(1))).rejects.toThrow('process died');
    const untouched = await message(msg?.id as string);
    expect(untouched.attempts).toBe(0);
    expect(untouched.delivered_at).toBeNull();
    expect(await deliverDue(deps(), at(2))).toEqual({ delivered: 1, retried: 0, failed: 0 });
    const notes = await t.database.db
      .selectFrom('notification')
      .select('id')
      .where('case_id', '=', id)
      .where('topic', '=', 'case.submit')
      .execute();
    expect(notes).toHaveLength(1);
  });
});

describe('webhooks and SMS over HTTP', () => {
  it('signs each webhook so a receiver can verify it', async () => {
    const hook = await endpoint(() => 200);
    try {
      const { id } = await k.submit('worker1', NOW);
      const [msg] = (await k.outbox(id, 'case.submit')).filter((m) => m.channel === 'webhook');
      await onlyPending([msg?.id as string]);
      await deliverDue(deps({ webhooks: { urls: [hook.url], secret: SECRET } }), at(1));
      expect(hook.received).toHaveLength(1);
      const [{ headers, body }] = hook.received as [Received];
      expect(headers['x-minqing-event']).toBe('case.submit');
      expect(headers['x-minqing-delivery']).toBe(msg?.id);
      const timestamp = headers['x-minqing-timestamp'] as string;
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;
      expect(headers['x-minqing-signature']).toBe(expected);
      const wrong = `sha256=${createHmac('sha256', 'another-secret-entirely').update(`${timestamp}.${body}`).digest('hex')}`;
      expect(headers['x-minqing-signature']).not.toBe(wrong);
      expect(JSON.parse(body)).toMatchObject({ id: msg?.id, event: 'case.submit', caseId: id });
    } finally {
      await hook.close();
    }
  });

  it('counts a webhook with no endpoint configured as delivered', async () => {
    const { id } = await k.submit('worker1', NOW);
    const [msg] = (await k.outbox(id, 'case.submit')).filter((m) => m.channel === 'webhook');
    await onlyPending([msg?.id as string]);
    expect(await deliverDue(deps(), at(1))).toEqual({ delivered: 1, retried: 0, failed: 0 });
  });

  it('posts SMS to the HTTP gateway with the bearer token and fails on a non-2xx answer', async () => {
    let status = 200;
    const gateway = await endpoint(() => status);
    try {
      const sms = createHttpSmsGateway(gateway.url, 'sms-token');
      await sms.send('13700001111', '测试短信');
      const [{ headers, body }] = gateway.received as [Received];
      expect(headers.authorization).toBe('Bearer sms-token');
      expect(JSON.parse(body)).toEqual({ to: '13700001111', text: '测试短信' });
      status = 502;
      await expect(sms.send('13700001111', '再试')).rejects.toThrow('502');
    } finally {
      await gateway.close();
    }
  });
});

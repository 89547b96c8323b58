import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSettings } from '../../src/server/config.ts';
import { deliverDue, MAX_ATTEMPTS } from '../../src/server/jobs/outbox-delivery.ts';
import { onSameDistrict } from '../../src/server/modules/auth/scope.ts';
import { type CaseKit, caseKit } from '../notifications/case-kit.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

/**
 * The 12345 hotline (issue 15 §4): orders from the platform's exported file and from its signed
 * push become cases exactly once, routed by category and address, with the platform's deadline as
 * the case's `hotline` clock; replies and closings go back through the outbox.
 */
const SECRET = 'a-hotline-secret-of-some-length';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local endpoint answering `status`, keeping what it received. */
async function endpoint(status: number) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/push`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let t: TestApp;
let k: CaseKit;
let ok: Awaited<ReturnType<typeof endpoint>>;
let failing: Awaited<ReturnType<typeof endpoint>>;
let cookie: string;
let districtCode: string;
let place: { street: string; community: string; grid: string; gridId: string; districtRootId: string };
let category: { id: string; name: string; parent: string };

const silentLog = { info: () => {}, warn: () => {} };
const deliver = (now: Date, hotline: Partial<CaseSettings['hotline']> = {}) =>
  deliverDue(
    {
      db: t.database.db,
      settings: {
        ...t.app.ctx.config.cases,
        webhooks: { urls: [], secret: undefined },
        hotline: { ...t.app.ctx.config.cases.hotline, ...hotline },
      },
      cipher: t.app.ctx.cipher,
      sms: { send: async () => {} },
      log: silentLog,
    },
    now,
  );

const upload = (csv: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/hotline/imports',
    payload: Buffer.from(csv, 'utf8'),
    headers: { cookie, 'content-type': 'text/csv' },
  });

const sign = (timestamp: string, body: string) =>
  `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;

const push = (body: string, options: { timestamp?: number; signature?: string } = {}) => {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/hotline/orders',
    payload: body,
    headers: {
      'content-type': 'application/json',
      'x-hotline-timestamp': timestamp,
      'x-hotline-signature': options.signature ?? sign(timestamp, body),
    },
  });
};

const countCases = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('case_record')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const caseOfOrder = (orderNumber: string) =>
  t.database.db
    .selectFrom('hotline_order as o')
    .innerJoin('case_record as c', onSameDistrict('c.id', 'o.case_id'))
    .selectAll('c')
    .select(['o.deadline_at', 'o.raw'])
    .where('o.order_number', '=', orderNumber)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  ok = await endpoint(200);
  failing = await endpoint(500);
  t = await createTestApp({ MINQING_HOTLINE_SECRET: SECRET, MINQING_HOTLINE_PUSH_URL: ok.url });
  k = await caseKit(t);
  cookie = await k.demo.signIn('dispatcher');
  const db = t.database.db;
  const grid = await db
    .selectFrom('region')
    .selectAll()
    .where('id', '=', k.grid.id)
    .executeTakeFirstOrThrow();
  const community = await db
    .selectFrom('region')
    .selectAll()
    .where('id', '=', grid.parent_id as string)
    .executeTakeFirstOrThrow();
  const street = await db
    .selectFrom('region')
    .selectAll()
    .where('id', '=', community.parent_id as string)
    .executeTakeFirstOrThrow();
  const root = await db
    .selectFrom('region')
    .select(['id', 'district_code'])
    .where('level', '=', 'district')
    .executeTakeFirstOrThrow();
  districtCode = root.district_code;
  place = {
    street: street.name,
    community: community.name,
    grid: grid.name,
    gridId: grid.id,
    districtRootId: root.id,
  };
  const child = await db
    .selectFrom('case_category as c')
    .innerJoin('case_category as p', onSameDistrict('p.id', 'c.parent_id'))
    .select(['c.id', 'c.name', 'p.name as parent'])
    .where('c.active', '=', true)
    .orderBy('c.path')
    .executeTakeFirstOrThrow();
  category = child;
});
afterAll(async () => {
  await t.close();
  await ok.close();
  await failing.close();
});

const HEADER = '工单编号,来电时间,来电人,联系电话,地址,诉求内容,诉求分类,办理时限';

describe('the platform’s exported file', () => {
  it('takes each order in once, routed by category and address; the second import creates nothing', async () => {
    const csv = [
      HEADER,
      `RX-1001,2026-12-01 09:15,王女士,13912345678,${place.street}${place.community}${place.grid}幸福路8号,楼下路灯坏了一周。晚上很黑,12345/${category.parent}/${category.name},2026-12-08 17:00`,
      'RX-1002,2026/12/01 10:00,李先生,0571-87654321,火星路1号,噪音扰民,未知分类,',
      'RX-1003,不是时间,赵先生,13800000000,某地,有事,未知分类,',
    ].join('\n');
    const before = await countCases();
    const first = await upload(csv);
    expect(first.statusCode).toBe(200);
    const report = first.json();
    expect(report.counts).toEqual({ created: 2, existing: 0, refused: 1 });
    expect(
      report.rows.map((r: { row: number; outcome: string; reason: string | null }) => [
        r.row,
        r.outcome,
        r.reason,
      ]),
    ).toEqual([
      [2, 'created', null],
      [3, 'created', null],
      [4, 'refused', 'received_at.invalid'],
    ]);
    expect(await countCases()).toBe(before + 2);

    const again = await upload(csv);
    expect(again.json().counts).toEqual({ created: 0, existing: 2, refused: 1 });
    expect(again.json().rows[0]).toMatchObject({
      outcome: 'existing',
      caseNumber: report.rows[0].caseNumber,
    });
    expect(await countCases()).toBe(before + 2);

    // Routed: the grid the address names, the category the path names, the street's level.
    const routed = await caseOfOrder('RX-1001');
    expect(routed).toMatchObject({
      channel: 'hotline_12345',
      region_id: place.gridId,
      category_id: category.id,
      level: 1,
      state: 'submitted',
      title: '楼下路灯坏了一周',
      reporter_name: '王女士',
    });
    // The phone is kept encrypted on the case, masked in the raw fields.
    expect(t.app.ctx.cipher.decrypt(routed.reporter_phone_enc as Uint8Array)).toBe('13912345678');
    expect(JSON.stringify(routed.raw)).not.toContain('13912345678');
    // Unknown address and category: the district, unclassified, for the district's dispatcher.
    const unrouted = await caseOfOrder('RX-1002');
    expect(unrouted).toMatchObject({ region_id: place.districtRootId, category_id: null, level: 2 });
  });

  it('keeps the platform’s deadline as the hotline clock, which a reply stops and pushes back', async () => {
    const c = await caseOfOrder('RX-1001');
    const deadline = new Date('2026-12-08T09:00:00Z'); // 17:00 China time
    expect(new Date(c.deadline_at as Date)).toEqual(deadline);
    expect(new Date(c.next_due_at as Date)).toEqual(deadline);
    const clock = () =>
      t.database.db
        .selectFrom('case_clock')
        .selectAll()
        .where('case_id', '=', c.id)
        .where('clock', '=', 'hotline')
        .executeTakeFirstOrThrow();
    expect(new Date((await clock()).due_at)).toEqual(deadline);
    expect((await clock()).stopped_at).toBeNull();
    // The order without a limit has no hotline clock.
    const none = await caseOfOrder('RX-1002');
    expect(none.next_due_at).toBeNull();

    const now = new Date();
    await deliver(now);
    await k.act('dispatcher', 'answer', c.id, now, { reply: '已联系供电所，今晚修复。' });
    expect((await clock()).stopped_at).not.toBeNull();
    const pushed = await k.outbox(c.id, 'hotline.reply');
    expect(pushed).toHaveLength(1);
    expect(pushed[0]?.channel).toBe('hotline');

    const totals = await deliver(now);
    expect(totals.failed).toBe(0);
    const got = ok.received.find((r) => JSON.parse(r.body).orderNumber === 'RX-1001');
    expect(got).toBeDefined();
    const body = JSON.parse(got?.body as string);
    expect(body).toMatchObject({
      event: 'hotline.reply',
      orderNumber: 'RX-1001',
      reply: '已联系供电所，今晚修复。',
    });
    const ts = got?.headers['x-minqing-timestamp'] as string;
    expect(got?.headers['x-minqing-signature']).toBe(sign(ts, got?.body as string));

    // The staff page shows the order with its case, deadline and push-back state.
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/hotline/orders', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    const row = list.json().items.find((o: { orderNumber: string }) => o.orderNumber === 'RX-1001');
    expect(row).toMatchObject({
      push: 'delivered',
      caseState: 'replied',
      deadlineAt: deadline.toISOString(),
    });
    // Closing is pushed back too, with its rating.
    await k.act('dispatcher', 'approve_reply', c.id, now, {});
    await k.act('dispatcher', 'rate', c.id, now, { rating: 'satisfied', solved: true });
    await deliver(now);
    const closed = ok.received.map((r) => JSON.parse(r.body)).find((b) => b.event === 'hotline.closed');
    expect(closed).toMatchObject({ orderNumber: 'RX-1001', state: 'closed', rating: 'satisfied' });
    // The unrouted order lies outside the street dispatcher's scope.
    expect(list.json().items.some((o: { orderNumber: string }) => o.orderNumber === 'RX-1002')).toBe(false);
  });
});

describe('the platform’s signed push', () => {
  const order = (orderNumber: string) =>
    JSON.stringify({
      districtCode,
      orderNumber,
      receivedAt: '2026-12-02 08:30:00',
      caller: '陈先生',
      phone: '13700001111',
      address: `${place.community}${place.grid}`,
      content: '垃圾桶满了没人清运。',
      category: category.name,
      deadline: '2026-12-03',
    });

  it('refuses a bad signature and an old timestamp, and a replay creates nothing', async () => {
    const body = order('RX-2001');
    const before = await countCases();
    const bad = await push(body, { signature: `sha256=${'0'.repeat(64)}` });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('HOTLINE_SIGNATURE_INVALID');
    const old = await push(body, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(old.statusCode).toBe(401);
    expect(old.json().code).toBe('HOTLINE_TIMESTAMP_STALE');
    expect(await countCases()).toBe(before);

    const timestamp = Math.floor(Date.now() / 1000);
    const first = await push(body, { timestamp });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ outcome: 'created', orderNumber: 'RX-2001' });
    const replay = await push(body, { timestamp });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().code).toBe('HOTLINE_REPLAYED');
    // Signed afresh, the same order answers with the case it already is.
    const resent = await push(body, { timestamp: timestamp + 1 });
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toMatchObject({ outcome: 'existing', caseNumber: first.json().caseNumber });
    expect(await countCases()).toBe(before + 1);
    const c = await caseOfOrder('RX-2001');
    expect(c).toMatchObject({ region_id: place.gridId, category_id: category.id, channel: 'hotline_12345' });
    // A date-only limit runs to the end of that day, China time.
    expect(new Date(c.deadline_at as Date)).toEqual(new Date('2026-12-03T15:59:59Z'));
  });

  it('shows a push-back as failed after the retries when the endpoint keeps failing', async () => {
    const c = await caseOfOrder('RX-2001');
    const now = new Date();
    await deliver(now);
    await k.act('dispatcher', 'answer', c.id, now, { reply: '已安排清运。' });
    const at = (i: number) => new Date(now.getTime() + i * 2 * 3_600_000);
    for (let i = 0; i < MAX_ATTEMPTS; i++) await deliver(at(i), { pushUrl: failing.url });
    const [message] = await k.outbox(c.id, 'hotline.reply');
    expect(message?.failed_at).not.toBeNull();
    expect(message?.attempts).toBe(MAX_ATTEMPTS);
    expect(failing.received.length).toBe(MAX_ATTEMPTS);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/hotline/orders', headers: { cookie } });
    expect(list.json().items.find((o: { orderNumber: string }) => o.orderNumber === 'RX-2001')).toMatchObject(
      {
        push: 'failed',
      },
    );
  });
});

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/server/jobs/outbox-delivery.ts';
import { actionPath } from '../../src/server/modules/cases/cases.routes.ts';
import type { SmsGateway } from '../../src/server/modules/notifications/sms-gateway.ts';
import type { CaseAction } from '../../src/shared/cases/workflow.ts';
import type { CaseDetail } from '../../src/shared/domain/case.ts';
import { type PublicCaseStatus, publicCaseStatusSchema } from '../../src/shared/domain/resident-status.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';

/**
 * The resident's own page (issue 15 §2): a link with an unguessable token after a public report
 * and after staff intake with a phone, texted without the outbox keeping the token; a masked
 * timeline; the rating as the same follow-up step (unsatisfied reopens, satisfied closes);
 * revoked, unknown and malformed tokens alike; the public rate limit.
 */
const ORIGIN = 'https://minqing.example.cn';
const PUBLIC_WRITES = 2;
const USERS = ['cdispatcher', 'worker1', 'worker2'] as const;
type User = (typeof USERS)[number];

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies = {} as Record<User, string>;
let grid: { id: string; name: string };
let staffNames: string[];
let address = 0;

/** Each public call from its own address unless told, so the limit only bites where tested. */
const pub = (method: 'GET' | 'POST', url: string, body?: unknown, from?: string) =>
  t.app.inject({
    method,
    url,
    ...(body ? { payload: body as object } : {}),
    remoteAddress: from ?? `198.51.100.${++address % 250}`,
  });

const statusOf = async (path: string) => {
  const res = await pub('GET', `/api/v1/public/status/${path.slice('/s/'.length)}`);
  expect(res.statusCode, res.body).toBe(200);
  return publicCaseStatusSchema.parse(res.json());
};
const rate = (path: string, body: unknown) =>
  pub('POST', `/api/v1/public/status/${path.slice('/s/'.length)}/rating`, body);

const staff = (
  method: 'GET' | 'POST',
  url: string,
  user: User,
  body?: unknown,
  headers?: Record<string, string>,
) => demo.send(method, url, body, cookies[user], headers);

async function act(user: User, id: string, action: CaseAction, body: unknown = {}) {
  const { version } = (await staff('GET', `/api/v1/cases/${id}`, user)).json() as CaseDetail;
  const res = await staff('POST', `/api/v1/cases/${id}/${actionPath(action)}`, user, body, {
    'if-match': `"${version}"`,
  });
  expect(res.status, `${action}: ${res.text()}`).toBe(200);
}

const caseRow = (number: string) =>
  t.database.db.selectFrom('case_record').selectAll().where('number', '=', number).executeTakeFirstOrThrow();

const linkOutbox = (caseId: string) =>
  t.database.db
    .selectFrom('outbox_message')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('topic', '=', 'case.status_link')
    .execute();

async function report(title: string, key?: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/reports',
    payload: {
      regionId: grid.id,
      kind: 'help',
      title,
      description: `${title}，已经好几天了。`,
      name: '李先生',
      phone: '13912345678',
    },
    remoteAddress: `203.0.113.${++address % 250}`,
    headers: key ? { 'idempotency-key': key } : {},
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { number: string; statusPath: string };
}

beforeAll(async () => {
  t = await createTestApp({
    MINQING_RATE_LIMIT_PER_MINUTE: '1000000',
    MINQING_PUBLIC_RATE_LIMIT_PER_MINUTE: String(PUBLIC_WRITES),
    MINQING_PUBLIC_ORIGIN: ORIGIN,
  });
  demo = await seedSmallDemo(t, 10);
  for (const u of USERS) cookies[u] = await demo.signIn(u);
  const grants = await demoGrants(t);
  const worker1 = grants.find((g) => g.username === 'worker1');
  const found = await firstGridBelow(t, worker1?.path as string);
  grid = await t.database.db
    .selectFrom('region')
    .select(['id', 'name'])
    .where('id', '=', found.id)
    .executeTakeFirstOrThrow();
  staffNames = (await t.database.db.selectFrom('app_user').select('display_name').execute()).map(
    (u) => u.display_name,
  );
});
afterAll(async () => t.close());

describe('a status link is issued', () => {
  it('on a public report: the receipt carries it, the table and the outbox keep no token, the text does', async () => {
    const receipt = await report('楼道灯不亮');
    expect(receipt.statusPath).toMatch(/^\/s\/\d{6}-[A-Za-z0-9_-]{24}$/);
    const token = receipt.statusPath.slice(3);
    const row = await caseRow(receipt.number);
    expect(token.startsWith(`${row.district_code}-`)).toBe(true);

    const links = await t.database.db
      .selectFrom('status_link')
      .selectAll()
      .where('case_id', '=', row.id)
      .execute();
    expect(links).toHaveLength(1);
    expect(Buffer.from(links[0]?.token_hash as Uint8Array)).toEqual(
      createHash('sha256').update(token).digest(),
    );
    const outbox = await linkOutbox(row.id);
    expect(outbox).toMatchObject([{ channel: 'sms', recipient: 'case-reporter' }]);
    expect(JSON.stringify(outbox)).not.toContain(token.slice(7));
    const kept = await t.database.db.selectFrom('idempotency_key').selectAll().execute();
    expect(JSON.stringify(kept)).not.toContain(token.slice(7));

    expect((await statusOf(receipt.statusPath)).number).toBe(receipt.number);

    // Delivery texts a sibling token, absolute on the public origin, that opens the same case.
    const sent: { phone: string; text: string }[] = [];
    const sms: SmsGateway = { send: async (phone, text) => void sent.push({ phone, text }) };
    await deliverDue({
      db: t.database.db,
      settings: t.app.ctx.config.cases,
      cipher: t.app.ctx.cipher,
      sms,
      publicOrigin: ORIGIN,
      log: { info: () => {}, warn: () => {} },
    });
    const text = sent.find((s) => s.text.includes(receipt.number));
    expect(text?.phone).toBe('13912345678');
    const texted = new RegExp(`${ORIGIN}(/s/\\d{6}-[A-Za-z0-9_-]{24})`).exec(text?.text ?? '')?.[1];
    expect(texted).toBeDefined();
    expect(texted).not.toBe(receipt.statusPath);
    expect((await statusOf(texted as string)).number).toBe(receipt.number);
  });

  it('again on a replay by Idempotency-Key: a working token of the same link, none kept', async () => {
    const first = await report('垃圾桶满了', 'resident-status-replay-1');
    const again = await report('垃圾桶满了', 'resident-status-replay-1');
    expect(again.number).toBe(first.number);
    expect(again.statusPath).not.toBe(first.statusPath);
    expect((await statusOf(again.statusPath)).number).toBe(first.number);
  });

  it('on staff intake with a resident phone (texted), not for an anonymous reporter', async () => {
    const intake = async (reporter: Record<string, unknown>) => {
      const res = await staff('POST', '/api/v1/cases', 'worker1', {
        channel: 'walk_in',
        kind: 'help',
        urgency: 'ordinary',
        title: '下水道堵塞',
        description: '下水道堵塞，污水外溢。',
        regionId: grid.id,
        reporter,
      });
      expect(res.status, res.text()).toBe(201);
      return (res.json() as { id: string }).id;
    };
    const withPhone = await intake({ type: 'resident', name: '王女士', phone: '13700002222' });
    expect(await linkOutbox(withPhone)).toHaveLength(1);
    expect(
      await t.database.db.selectFrom('status_link').select('id').where('case_id', '=', withPhone).execute(),
    ).toHaveLength(1);
    const anonymous = await intake({ type: 'anonymous', phone: '13700003333' });
    expect(await linkOutbox(anonymous)).toEqual([]);
  });
});

describe('the page and the rating', () => {
  let receipt: { number: string; statusPath: string };
  let caseId: string;

  it('shows the stage and a masked timeline, the reply once approved', async () => {
    receipt = await report('路面塌陷');
    caseId = (await caseRow(receipt.number)).id;
    let page = await statusOf(receipt.statusPath);
    expect(page).toMatchObject({ stage: 'received', unit: null, replies: [], ratingOpen: false });
    expect(page.steps.map((s) => s.kind)).toEqual(['reported']);

    await act('cdispatcher', caseId, 'accept');
    await act('cdispatcher', caseId, 'dispatch', {
      unit: { regionId: grid.id },
      note: '请联系王科长 13800001234 处理',
    });
    await act('worker1', caseId, 'sign');
    await act('worker1', caseId, 'reply', { reply: '已安排施工队修补路面。' });
    page = await statusOf(receipt.statusPath);
    // A reply the first responder has not approved may still be sent back: not shown yet.
    expect(page).toMatchObject({ stage: 'in_hand', unit: grid.name, replies: [], ratingOpen: false });

    await act('cdispatcher', caseId, 'approve_reply');
    page = await statusOf(receipt.statusPath);
    expect(page).toMatchObject({ stage: 'awaiting_rating', ratingOpen: true, latestRating: null });
    expect(page.replies.map((r) => r.text)).toEqual(['已安排施工队修补路面。']);
    expect(page.steps.map((s) => s.kind)).toEqual([
      'reported',
      'accepted',
      'assigned',
      'handling',
      'replied',
    ]);
    const json = JSON.stringify(page);
    for (const name of staffNames) expect(json).not.toContain(name);
    expect(json).not.toMatch(/1[3-9]\d{9}|王科长|演示/);
  });

  it('unsatisfied reopens the case exactly as a follow-up call does', async () => {
    const before = await caseRow(receipt.number);
    const res = await rate(receipt.statusPath, { rating: 'unsatisfied', comment: '只补了一半' });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as PublicCaseStatus).stage).toBe('reopened');

    const after = await caseRow(receipt.number);
    expect(after).toMatchObject({
      state: 'reopened',
      latest_rating: 'unsatisfied',
      reopen_count: before.reopen_count + 1,
      supervised: true,
      version: before.version + 1,
    });
    const db = t.database.db;
    const rating = await db
      .selectFrom('case_rating')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(rating).toMatchObject({ rating: 'unsatisfied', note: '只补了一半', rated_by: null });
    const event = await db
      .selectFrom('case_event')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('seq', '=', after.version)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      action: 'rate',
      from_state: 'follow_up',
      to_state: 'reopened',
      actor_id: null,
    });
    expect(event.detail).toMatchObject({ rating: 'unsatisfied', byResident: true });
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', caseId)
      .where('action', '=', 'case.rate')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: null, actor_name: 'resident', result: 'success' });
    // The reopened case waits for the dispatchers as after a call (an in-app message each).
    const notices = await db
      .selectFrom('outbox_message')
      .select('topic')
      .where('case_id', '=', caseId)
      .where('topic', '=', 'case.rate')
      .where('channel', '=', 'in_app')
      .execute();
    expect(notices.length).toBeGreaterThan(0);

    // Not open any more: rating again is refused and changes nothing.
    const again = await rate(receipt.statusPath, { rating: 'satisfied' });
    expect(again.statusCode).toBe(409);
    expect((again.json() as { code: string }).code).toBe('CASE_WRONG_STATE');
    expect((await caseRow(receipt.number)).version).toBe(after.version);
  });

  it('satisfied closes it after the re-handling; a bad rating is a 422', async () => {
    await act('cdispatcher', caseId, 'rehandle');
    await act('worker1', caseId, 'reply', { reply: '路面已全部修补完毕。' });
    await act('cdispatcher', caseId, 'approve_reply');
    const bad = await rate(receipt.statusPath, { rating: 'unreachable' });
    expect(bad.statusCode).toBe(422);
    const res = await rate(receipt.statusPath, { rating: 'satisfied' });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as PublicCaseStatus;
    expect(page).toMatchObject({ stage: 'closed', ratingOpen: false, latestRating: 'satisfied' });
    expect(page.replies).toHaveLength(2);
    expect(page.steps.filter((s) => s.kind === 'rated').map((s) => s.rating)).toEqual([
      'unsatisfied',
      'satisfied',
    ]);
    expect(await caseRow(receipt.number)).toMatchObject({ state: 'closed', latest_rating: 'satisfied' });
  });

  it('revoked, unknown and malformed tokens answer the same 404; staff may issue a new link', async () => {
    const other = await staff('POST', `/api/v1/cases/${caseId}/status-links/revoke`, 'worker2');
    expect(other.status).toBe(404);
    const revoked = await staff('POST', `/api/v1/cases/${caseId}/status-links/revoke`, 'cdispatcher');
    expect(revoked.status, revoked.text()).toBe(200);
    expect(revoked.json()).toEqual({ live: 0 });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('object_id', '=', caseId)
      .where('action', '=', 'case.status_links_revoked')
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ number: receipt.number, revoked: 1 });

    const token = receipt.statusPath.slice(3);
    const unknown = `${token.slice(0, 7)}${'A'.repeat(24)}`;
    const answers = [];
    for (const tried of [token, unknown, 'abc', `${token}x`, '999999-AAAAAAAAAAAAAAAAAAAAAAAA']) {
      const res = await pub('GET', `/api/v1/public/status/${tried}`);
      const body = res.json() as { code: string; title: string; detail?: string };
      answers.push({ status: res.statusCode, code: body.code, title: body.title, detail: body.detail });
    }
    expect(answers[0]).toMatchObject({ status: 404, code: 'STATUS_LINK_NOT_FOUND' });
    for (const a of answers) expect(a).toEqual(answers[0]);
    const rated = await rate(receipt.statusPath, { rating: 'satisfied' });
    expect(rated.statusCode).toBe(404);
    expect((rated.json() as { code: string }).code).toBe('STATUS_LINK_NOT_FOUND');

    const issued = await staff('POST', `/api/v1/cases/${caseId}/status-links`, 'cdispatcher');
    expect(issued.status, issued.text()).toBe(201);
    const { live, path } = issued.json() as { live: number; path: string };
    expect(live).toBe(1);
    expect((await statusOf(path)).number).toBe(receipt.number);
    expect((await staff('GET', `/api/v1/cases/${caseId}/status-links`, 'worker1')).json()).toEqual({
      live: 1,
    });
  });

  it('is rate-limited per address: reads at six times the write limit', async () => {
    const from = '192.0.2.77';
    const token = receipt.statusPath.slice(3);
    const codes: number[] = [];
    for (let i = 0; i < PUBLIC_WRITES * 6 + 1; i++)
      codes.push((await pub('GET', `/api/v1/public/status/${token}`, undefined, from)).statusCode);
    expect(codes.slice(0, -1).every((c) => c === 404)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    const writes: number[] = [];
    for (let i = 0; i < PUBLIC_WRITES + 1; i++)
      writes.push(
        (await pub('POST', `/api/v1/public/status/${token}/rating`, { rating: 'satisfied' }, '192.0.2.78'))
          .statusCode,
      );
    expect(writes).toEqual([...Array(PUBLIC_WRITES).fill(404), 429]);
  });
});

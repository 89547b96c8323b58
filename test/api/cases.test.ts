import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/modules/audit/audit.repository.ts';
import { requestHash } from '../../src/server/modules/cases/idempotency.ts';
import { type CaseDetail, createCaseSchema } from '../../src/shared/domain/case.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
let gridA: string;
let gridB: string;
let urbanOffice: string;

const USERS = ['dispatcher', 'worker1', 'worker2', 'handler', 'handler2', 'supervisor', 'leader', 'auditor'];

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 20);
  const grants = await demoGrants(t);
  const pathOf = (u: string) => grants.find((g) => g.username === u)?.path as string;
  gridA = (await firstGridBelow(t, pathOf('worker1'))).id;
  gridB = (await firstGridBelow(t, pathOf('worker2'))).id;
  urbanOffice = (
    await t.database.db
      .selectFrom('department')
      .select('id')
      .where('code', 'like', '%-urban')
      .executeTakeFirstOrThrow()
  ).id;
  for (const u of USERS) cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

const newCase = (regionId: string, title = '小区路灯不亮') => ({
  channel: 'visit',
  kind: 'help',
  urgency: 'important',
  title,
  description: `${title}，晚上出行不便，居民反映多次。`,
  regionId,
  reporter: { type: 'resident', name: '张三', phone: '13812345678' },
});

async function create(user: string, body: unknown, headers: Record<string, string> = {}) {
  return demo.send('POST', '/api/v1/cases', body, cookies[user], headers);
}

async function read(user: string, id: string) {
  const res = await demo.send('GET', `/api/v1/cases/${id}`, undefined, cookies[user]);
  return { status: res.status, etag: res.headers.etag, body: res.json() as CaseDetail };
}

/** Fires an action with the version the caller last read. */
async function act(user: string, id: string, action: string, body: unknown = {}) {
  const current = await read(user, id);
  expect(current.status).toBe(200);
  return demo.send('POST', `/api/v1/cases/${id}/${action}`, body, cookies[user], {
    'if-match': current.etag as string,
  });
}

async function expectOk(res: Awaited<ReturnType<typeof act>>) {
  if (res.status !== 200) throw new Error(`${res.status} ${res.text()}`);
  return res.json() as CaseDetail;
}

const rowCounts = async (caseId: string) => {
  const db = t.database.db;
  const events = await db.selectFrom('case_event').select('id').where('case_id', '=', caseId).execute();
  const audits = await db
    .selectFrom('audit_log')
    .select('id')
    .where('object_type', '=', 'case')
    .where('object_id', '=', caseId)
    .execute();
  return { events: events.length, audits: audits.length };
};

describe('cases through HTTP', () => {
  it('takes in a case with a readable number, masks the phone and names the first responder', async () => {
    const res = await create('worker1', newCase(gridA));
    expect(res.status).toBe(201);
    const created = res.json() as { id: string; number: string; version: number };
    expect(created.number).toMatch(/^\d{6}-\d{4}-\d{6}$/);
    expect(res.headers.etag).toBe('"1"');
    const detail = await read('worker1', created.id);
    expect(detail.body.state).toBe('submitted');
    expect(detail.body.reporter.phoneMasked).toBe('138****5678');
    expect(JSON.stringify(detail.body)).not.toContain('13812345678');
    expect(detail.body.firstResponder?.name).toContain('网格员');
    expect(detail.body.events.map((e) => e.action)).toEqual(['submit']);
    // The worker of another community does not even learn it exists.
    expect((await read('worker2', created.id)).status).toBe(404);
  });

  it('refuses a place outside the caller’s area (404) and bad input (422), never 5xx', async () => {
    expect((await create('worker1', newCase(gridB))).status).toBe(404);
    expect((await create('worker1', { ...newCase(gridA), urgency: 'very' })).status).toBe(422);
    expect((await create('worker1', { ...newCase(gridA), extra: 1 })).status).toBe(422);
    expect((await create('handler', newCase(gridA))).status).toBe(403);
  });

  it('walks a case through return, extension, an unsatisfied rating, reopen and a satisfied close', async () => {
    const { id } = (await create('worker1', newCase(gridA, '楼道堆放杂物'))).json() as { id: string };
    await expectOk(await act('dispatcher', id, 'accept'));
    let c = await expectOk(await act('dispatcher', id, 'dispatch', { unit: { departmentId: urbanOffice } }));
    expect(c.state).toBe('dispatched');
    expect(c.clocks.filter((k) => !k.stoppedAt).map((k) => k.clock)).toEqual(
      expect.arrayContaining(['sign_off', 'handling', 'progress']),
    );
    // The district bureau's handler is not the unit: not found (outside its department's cases).
    expect((await read('handler2', id)).status).toBe(404);
    expect((await read('handler', id)).body.actions).toEqual(expect.arrayContaining(['sign', 'return']));
    c = await expectOk(
      await act('handler', id, 'return', { reason: '不属于本部门职责', returnKind: 'not_our_duty' }),
    );
    expect(c.state).toBe('returned');
    c = await expectOk(await act('dispatcher', id, 'refuse-return', { reason: '属于城市管理职责范围' }));
    expect(c.state).toBe('dispatched');
    await expectOk(await act('handler', id, 'sign'));
    await expectOk(await act('handler', id, 'first-contact', { note: '已电话联系居民' }));
    c = await expectOk(
      await act('handler', id, 'request-extension', { workingDays: 3, reason: '需协调物业清运' }),
    );
    expect(c.extensionPending).toBe(true);
    const before = c.clocks.find((k) => k.clock === 'handling' && !k.stoppedAt)?.dueAt as string;
    c = await expectOk(await act('dispatcher', id, 'approve-extension'));
    const after = c.clocks.find((k) => k.clock === 'handling' && !k.stoppedAt)?.dueAt as string;
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
    await expectOk(await act('handler', id, 'reply', { reply: '已清理完毕' }));
    await expectOk(await act('worker1', id, 'approve-reply'));
    c = await expectOk(await act('worker1', id, 'rate', { rating: 'unsatisfied', note: '仍有杂物' }));
    expect(c.state).toBe('reopened');
    expect(c.reopenCount).toBe(1);
    // 不满意不销号: nobody is offered a close, and a dispatcher's try is refused.
    expect((await read('worker1', id)).body.actions).not.toContain('close_override');
    expect((await act('dispatcher', id, 'close-override', { reason: '强行结案' })).status).toBe(403);
    await expectOk(await act('dispatcher', id, 'rehandle'));
    await expectOk(await act('handler', id, 'reply', { reply: '已全部清运并加装监控' }));
    await expectOk(await act('worker1', id, 'approve-reply'));
    c = await expectOk(await act('worker1', id, 'rate', { rating: 'satisfied' }));
    expect(c.state).toBe('closed');
    expect(c.clocks.every((k) => k.stoppedAt !== null)).toBe(true);
    expect(c.events.map((e) => e.action)).toEqual([
      'submit',
      'accept',
      'dispatch',
      'return',
      'refuse_return',
      'sign',
      'first_contact',
      'request_extension',
      'approve_extension',
      'reply',
      'approve_reply',
      'rate',
      'rehandle',
      'reply',
      'approve_reply',
      'rate',
    ]);
    // Exactly one event and one audit row per change.
    expect(await rowCounts(id)).toEqual({ events: 16, audits: 16 });
    expect(c.version).toBe(16);
  });

  it('lets a unit escalate a case it then no longer sees, and says so with 200', async () => {
    const { id } = (await create('worker1', newCase(gridA, '跨部门管线破损'))).json() as { id: string };
    await expectOk(await act('dispatcher', id, 'accept'));
    await expectOk(await act('dispatcher', id, 'dispatch', { unit: { departmentId: urbanOffice } }));
    await expectOk(await act('handler', id, 'sign'));
    const res = await act('handler', id, 'escalate', { reason: '涉及区级多个部门' });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ id, state: 'accepted', outOfReach: true });
    expect((await read('handler', id)).status).toBe(404);
    // Taken in at the community (a visit), passed by the street office one level up: the street's.
    const now = (await read('worker1', id)).body;
    expect([now.state, now.level, now.unit]).toEqual(['accepted', 1, null]);
    expect(now.events.at(-1)?.action).toBe('escalate');
    // The street dispatcher passes it on; standing below the district level, it can no longer move it.
    await expectOk(await act('dispatcher', id, 'escalate', { reason: '需区级统筹' }));
    const up = (await read('worker1', id)).body;
    expect(up.level).toBe(2);
    expect(up.levelsPassed.map((s) => s.level)).toEqual([0, 1, 2]);
    expect((await read('dispatcher', id)).body.actions).not.toContain('dispatch');
  });

  it('answers 428 without If-Match, 412 on a stale version, and loses nothing', async () => {
    const { id } = (await create('worker1', newCase(gridA, '井盖松动'))).json() as { id: string };
    const url = `/api/v1/cases/${id}/accept`;
    expect((await demo.send('POST', url, {}, cookies.dispatcher)).status).toBe(428);
    const stale = await demo.send('POST', url, {}, cookies.dispatcher, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    expect((stale.json() as { code: string }).code).toBe('PRECONDITION_FAILED');
    expect((await read('dispatcher', id)).body.state).toBe('submitted');
    expect((await demo.send('POST', url, {}, cookies.dispatcher, { 'if-match': '"1"' })).status).toBe(200);
    // The same stale write again now fails: the first change stands.
    expect((await demo.send('POST', url, {}, cookies.dispatcher, { 'if-match': '"1"' })).status).toBe(412);
    expect(await rowCounts(id)).toEqual({ events: 2, audits: 2 });
  });

  it('creates once per Idempotency-Key: replay answers the first result, another body 422', async () => {
    const key = `test-${Date.now()}-idem`;
    const body = newCase(gridA, '垃圾桶满溢');
    const first = await create('worker1', body, { 'idempotency-key': key });
    const again = await create('worker1', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await create('worker1', { ...body, title: '另一件事' }, { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect((other.json() as { code: string }).code).toBe('IDEMPOTENCY_KEY_REUSED');
    const made = await t.database.db
      .selectFrom('case_record')
      .select('id')
      .where('title', '=', '垃圾桶满溢')
      .execute();
    expect(made).toHaveLength(1);
  });

  it('stores the key in the case transaction: concurrent duplicates make one case and answer its result', async () => {
    const key = `test-${Date.now()}-together`;
    const body = newCase(gridA, '并发重复提交');
    const answers = await Promise.all(
      [1, 2, 3].map(() => create('worker1', body, { 'idempotency-key': key })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    const first = answers[0]?.json();
    for (const a of answers) expect(a.json()).toEqual(first);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    const made = await t.database.db
      .selectFrom('case_record')
      .select('id')
      .where('title', '=', '并发重复提交')
      .execute();
    expect(made).toHaveLength(1);
    const stored = await t.database.db
      .selectFrom('idempotency_key')
      .select(['status', 'response_status'])
      .where('key', '=', key)
      .execute();
    // Written once, already done: no separate "running" claim is committed before the case.
    expect(stored).toEqual([{ status: 'done', response_status: 201 }]);
    // The duplicates' statements failed whole: one audit row for the case, and the chain verifies.
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', String(made[0]?.id))
      .execute();
    expect(audited).toEqual([{ action: 'case.submitted' }]);
    expect((await verifyAuditChains(t.database.db)).breaks).toEqual([]);
  });

  it('answers 409 while the first request with the key is still running, and takes over an abandoned one', async () => {
    const body = newCase(gridA, '路面积水');
    const worker = await t.database.db
      .selectFrom('app_user')
      .select(['id', 'district_code'])
      .where('username', '=', 'worker1')
      .executeTakeFirstOrThrow();
    const running = async (key: string, startedAt: Date) =>
      t.database.db
        .insertInto('idempotency_key')
        .values({
          district_code: worker.district_code,
          owner: worker.id,
          key,
          request_hash: requestHash(createCaseSchema.parse(body)),
          status: 'running',
          response_status: null,
          response_body: null,
          created_at: startedAt,
          expires_at: new Date(Date.now() + 86_400_000),
        })
        .execute();
    const busy = `test-${Date.now()}-running`;
    await running(busy, new Date());
    const res = await create('worker1', body, { 'idempotency-key': busy });
    expect(res.status).toBe(409);
    expect((res.json() as { code: string }).code).toBe('REQUEST_IN_PROGRESS');
    // A run left "running" by a process that died long ago is taken over and completes.
    const abandoned = `test-${Date.now()}-abandoned`;
    await running(abandoned, new Date(Date.now() - 3_600_000));
    expect((await create('worker1', body, { 'idempotency-key': abandoned })).status).toBe(201);
  });

  it('lists the queue, the unit inbox and "mine" with totals, in scope only', async () => {
    const { id } = (await create('worker1', newCase(gridA, '违章搭建'))).json() as { id: string };
    await expectOk(await act('dispatcher', id, 'accept'));
    await expectOk(await act('dispatcher', id, 'dispatch', { unit: { departmentId: urbanOffice } }));
    const queue = (
      await demo.send('GET', '/api/v1/cases?state=dispatched&limit=5', undefined, cookies.dispatcher)
    ).json() as { items: { id: string; state: string }[]; total: number };
    expect(queue.items.every((i) => i.state === 'dispatched')).toBe(true);
    expect(queue.total).toBeGreaterThanOrEqual(1);
    const inbox = (await demo.send('GET', '/api/v1/cases?view=inbox', undefined, cookies.handler)).json() as {
      items: { id: string }[];
    };
    expect(inbox.items.map((i) => i.id)).toContain(id);
    const otherInbox = (
      await demo.send('GET', '/api/v1/cases?view=inbox', undefined, cookies.handler2)
    ).json() as {
      items: { id: string }[];
    };
    expect(otherInbox.items.map((i) => i.id)).not.toContain(id);
    const mine = (await demo.send('GET', '/api/v1/cases?view=mine', undefined, cookies.worker1)).json() as {
      items: { id: string }[];
      total: number;
    };
    expect(mine.items.map((i) => i.id)).toContain(id);
    const theirs = (await demo.send('GET', '/api/v1/cases?view=mine', undefined, cookies.worker2)).json() as {
      total: number;
    };
    expect(theirs.total).toBe(0);
  });

  it('filters the queue by a top category, its subcategories included, naming it in both languages', async () => {
    const sub = await t.database.db
      .selectFrom('case_category')
      .select(['id', 'parent_id', 'name', 'name_en'])
      .where('parent_id', 'is not', null)
      .executeTakeFirstOrThrow();
    const { id } = (
      await create('worker1', { ...newCase(gridA, '分类筛选测试'), categoryId: sub.id })
    ).json() as {
      id: string;
    };
    const ids = async (categoryId: string) =>
      (
        (
          await demo.send(
            'GET',
            `/api/v1/cases?categoryId=${categoryId}&limit=100`,
            undefined,
            cookies.dispatcher,
          )
        ).json() as {
          items: { id: string }[];
        }
      ).items.map((i) => i.id);
    expect(await ids(sub.parent_id as string)).toContain(id);
    expect(await ids(sub.id)).toContain(id);
    // The English interface shows the category's English name (additive beside `categoryName`).
    expect(sub.name_en).toBeTruthy();
    const names = { categoryName: sub.name, categoryNameEn: sub.name_en };
    const listed = (
      await demo.send('GET', `/api/v1/cases?categoryId=${sub.id}&limit=100`, undefined, cookies.dispatcher)
    ).json() as { items: { id: string; categoryName: string; categoryNameEn: string | null }[] };
    expect(listed.items.find((i) => i.id === id)).toMatchObject(names);
    expect((await read('dispatcher', id)).body).toMatchObject(names);
    const other = await t.database.db
      .selectFrom('case_category')
      .select('id')
      .where('parent_id', 'is', null)
      .where('id', '!=', sub.parent_id as string)
      .executeTakeFirstOrThrow();
    expect(await ids(other.id)).not.toContain(id);
  });

  it('pages the queue with a keyset cursor without repeating or skipping a case', async () => {
    for (let i = 0; i < 5; i++) await create('worker1', newCase(gridA, `分页测试${i}`));
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const url = `/api/v1/cases?q=${encodeURIComponent('分页测试')}&limit=2${after ? `&after=${after}` : ''}`;
      const page = (await demo.send('GET', url, undefined, cookies.dispatcher)).json() as {
        items: { id: string }[];
        next: string | null;
        total: number;
      };
      seen.push(...page.items.map((i) => i.id));
      total = page.total;
      after = page.next;
    } while (after);
    expect(total).toBe(5);
    expect(new Set(seen).size).toBe(5);
  });
});

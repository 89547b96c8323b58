import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onSameDistrict } from '../../src/server/modules/auth/scope.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { firstGridBelow, seedSmallDemo } from '../support/demo.ts';

/**
 * The resident's own report through the QR code form: no account, the number and nothing else
 * back, the case waiting for the street's dispatcher with an encrypted phone.
 */
let t: TestApp;
let grid: { id: string; path: string; district_code: string };
let community: { id: string; name: string };
let street: { id: string };
let address = 0;

const report = (overrides: Record<string, unknown> = {}) => ({
  regionId: grid.id,
  kind: 'help',
  title: '路灯不亮',
  description: '小区东门路灯坏了三天，晚上很黑。',
  name: '李先生',
  phone: '+86 139-1234-5678',
  ...overrides,
});

/** Each call from its own address, unless told, so the per-address limit only bites where tested. */
const post = (body: unknown, options: { key?: string; from?: string } = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/public/reports',
    payload: body as object,
    remoteAddress: options.from ?? `192.0.2.${++address}`,
    headers: options.key ? { 'idempotency-key': options.key } : {},
  });

const casesByNumber = (number: string) =>
  t.database.db.selectFrom('case_record').selectAll().where('number', '=', number).execute();

beforeAll(async () => {
  t = await createTestApp();
  await seedSmallDemo(t, 20);
  const db = t.database.db;
  const worker = await db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', onSameDistrict('u.id', 'g.user_id'))
    .innerJoin('region as r', onSameDistrict('r.id', 'g.scope_region_id'))
    .select(['r.id', 'r.name', 'r.path', 'r.parent_id'])
    .where('u.username', '=', 'worker1')
    .executeTakeFirstOrThrow();
  community = worker;
  street = { id: worker.parent_id as string };
  grid = await firstGridBelow(t, worker.path);
});
afterAll(async () => t.close());

describe('where a QR code reports to', () => {
  it('names a grid or community and its path, without signing in', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/regions/${grid.id}` });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { name: string; level: string; path: string[] };
    expect(body.level).toBe('grid');
    expect(body.path).toHaveLength(4);
    expect(body.path[2]).toBe(community.name);
    expect(body.path.at(-1)).toBe(body.name);
    expect(Object.keys(body).sort()).toEqual(['level', 'name', 'path', 'phoneVerification']);
    const ofCommunity = await t.app.inject({ method: 'GET', url: `/api/v1/public/regions/${community.id}` });
    expect(ofCommunity.json()).toMatchObject({ name: community.name, level: 'community' });
  });

  it('answers 404 for a street, an unknown id, and 422 for a malformed one', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/public/regions/${street.id}` })).statusCode,
    ).toBe(404);
    const unknown = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/regions/${unknown}` })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/regions/abc' })).statusCode).toBe(422);
  });
});

describe('a resident reports', () => {
  it('creates a submitted self-report case and answers its number and status path', async () => {
    const res = await post(report());
    expect(res.statusCode).toBe(201);
    const body = res.json() as { number: string; statusPath: string };
    // The status page's path besides the number (issue 15 §2; test/api/resident-status.test.ts).
    expect(Object.keys(body)).toEqual(['number', 'statusPath']);
    expect(body.number).toMatch(new RegExp(`^${grid.district_code}-\\d{4}-\\d{6}$`));

    const [row, ...others] = await casesByNumber(body.number);
    expect(others).toEqual([]);
    if (!row) throw new Error('no case');
    expect(row).toMatchObject({
      channel: 'self_report',
      state: 'submitted',
      // A resident's own report from the grid's QR code arrives at the community.
      level: 0,
      intake_level: 0,
      reporter_type: 'resident',
      reporter_name: '李先生',
      region_id: grid.id,
      region_path: grid.path,
      first_responder_id: null,
      submitted_by: null,
      version: 1,
    });
    // The phone is stored encrypted, in its bare 11 digits, with the lookup hash.
    const cipher = t.app.ctx.cipher;
    expect(cipher.decrypt(row.reporter_phone_enc as Uint8Array)).toBe('13912345678');
    expect(Buffer.from(row.reporter_phone_hash as Uint8Array)).toEqual(
      Buffer.from(cipher.hash('13912345678')),
    );
    expect(Buffer.from(row.reporter_phone_enc as Uint8Array).includes(Buffer.from('13912345678'))).toBe(
      false,
    );

    const events = await t.database.db
      .selectFrom('case_event')
      .selectAll()
      .where('case_id', '=', row.id)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'submit', seq: 1, actor_id: null, to_state: 'submitted' });
    const audits = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'case.submitted')
      .where('object_id', '=', row.id)
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor_id: null,
      actor_name: 'public',
      district_code: grid.district_code,
    });
    expect(audits[0]?.source_ip).toBeTruthy();
    const outbox = await t.database.db
      .selectFrom('outbox_message')
      .selectAll()
      .where('case_id', '=', row.id)
      .execute();
    // The street's dispatchers hear of it through the outbox (one message per channel and recipient);
    // the reporter is texted their status link (test/api/resident-status.test.ts).
    expect(outbox.length).toBeGreaterThan(0);
    expect(new Set(outbox.map((m) => m.topic))).toEqual(new Set(['case.submit', 'case.status_link']));
  });

  it('takes a community too, and refuses a street, unknown fields, a bad phone and a missing title with 422', async () => {
    expect((await post(report({ regionId: community.id }))).statusCode).toBe(201);
    const before = await t.database.db.selectFrom('case_record').select('id').execute();
    const refused = [
      await post(report({ regionId: street.id })),
      await post(report({ regionId: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' })),
      await post(report({ urgency: 'urgent' })),
      await post(report({ phone: '12345' })),
      await post(report({ title: '  ' })),
      await post(report({ kind: 'praise' })),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([422, 422, 422, 422, 422, 422]);
    expect(await t.database.db.selectFrom('case_record').select('id').execute()).toHaveLength(before.length);
  });

  it('honours an Idempotency-Key: a retry gets the same number, another body with it 422', async () => {
    const key = `qr-${Date.now()}-retry`;
    const first = await post(report({ title: '积水' }), { key });
    const again = await post(report({ title: '积水' }), { key });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    // The same number; the status path is a new token of the same link (none is stored to replay).
    expect((again.json() as { number: string }).number).toBe((first.json() as { number: string }).number);
    expect(await casesByNumber((first.json() as { number: string }).number)).toHaveLength(1);
    const other = await post(report({ title: '噪音' }), { key });
    expect(other.statusCode).toBe(422);
    expect((other.json() as { code: string }).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await post(report(), { key: 'bad key!' })).statusCode).toBe(422);
  });

  it('answers concurrent duplicates under one Idempotency-Key with the one case they made', async () => {
    const key = `qr-${Date.now()}-together`;
    const body = report({ title: '楼道漏水' });
    const answers = await Promise.all([1, 2, 3, 4].map(() => post(body, { key })));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201]);
    const numbers = new Set(answers.map((a) => (a.json() as { number: string }).number));
    expect(numbers.size).toBe(1);
    expect(await casesByNumber([...numbers][0] as string)).toHaveLength(1);
  });

  it('limits reports per address per minute with 429', async () => {
    const from = '198.51.100.7';
    const limit = t.app.ctx.config.publicRateLimitPerMinute;
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i += 1)
      statuses.push((await post(report({ title: `第${i}次` }), { from })).statusCode);
    expect(statuses.slice(0, limit).every((s) => s === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another address is not affected.
    expect((await post(report())).statusCode).toBe(201);
  });

  it('counts reports, SMS codes and ratings from one address against one allowance, and reads against another', async () => {
    const from = '198.51.100.8';
    const limit = t.app.ctx.config.publicRateLimitPerMinute;
    const send = (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url, remoteAddress: from, ...(payload ? { payload } : {}) });
    const writes = [
      () => post(report({ title: '井盖松动' }), { from }),
      () => send('POST', '/api/v1/public/phone-codes', { phone: '13700000009', regionId: grid.id }),
      () =>
        send('POST', '/api/v1/public/status/330109-AAAAAAAAAAAAAAAAAAAAAAAA/rating', { rating: 'satisfied' }),
    ];
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++)
      statuses.push((await (writes[i % 3] as () => Promise<{ statusCode: number }>)()).statusCode);
    expect(statuses.slice(0, limit)).not.toContain(429);
    expect(statuses.at(-1)).toBe(429);
    // Reads keep their own allowance, six times the writes', shared by the region and status pages.
    const reads: number[] = [];
    for (let i = 0; i <= limit * 6; i++)
      reads.push(
        (
          await send(
            'GET',
            i % 2 === 0
              ? `/api/v1/public/regions/${grid.id}`
              : '/api/v1/public/status/330109-AAAAAAAAAAAAAAAAAAAAAAAA',
          )
        ).statusCode,
      );
    expect(reads.slice(0, limit * 6)).not.toContain(429);
    expect(reads.at(-1)).toBe(429);
  });
});

import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/server/jobs/outbox-delivery.ts';
import { onSameDistrict } from '../../src/server/modules/auth/scope.ts';
import type { SmsGateway } from '../../src/server/modules/notifications/sms-gateway.ts';
import { PHONE_CODE_TOPIC } from '../../src/server/modules/public-reports/send-phone-code.ts';
import type { CaseDetail } from '../../src/shared/domain/case.ts';
import { GIF, gpsBytes, jpegWithGps, PDF, PNG } from '../attachments/images.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { firstGridBelow, seedSmallDemo } from '../support/demo.ts';

/**
 * The public form's entry points (issue 15 §1, §5), one database: a report by a grid's or an
 * estate's public code records the place (the estate in the address), a retired code answers 410,
 * photos are stored without their metadata and shown to staff, a signed entry link records its
 * channel while a forged one stays self_report, and a district that asks for an SMS code refuses
 * reports without the right, fresh, unused one.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let grid: { id: string; path: string; district_code: string };
let attachmentDir: string;
let admin: string;
let dispatcher: string;
let address = 0;
const codes = { grid: '', estate: '', retired: '' };
const ESTATE = '金桂园';

const report = (overrides: Record<string, unknown> = {}) => ({
  code: codes.grid,
  kind: 'help',
  title: '路灯不亮',
  description: '小区东门路灯坏了三天，晚上很黑。',
  phone: '13912345678',
  ...overrides,
});

const post = (url: string, body: unknown) =>
  t.app.inject({ method: 'POST', url, payload: body as object, remoteAddress: `192.0.2.${++address}` });

const caseByNumber = (number: string) =>
  t.database.db.selectFrom('case_record').selectAll().where('number', '=', number).executeTakeFirstOrThrow();

/** A code of the demo district: six digits, a dash, eight Crockford characters. */
const codeOf = (body: string) => `${grid.district_code}-${body}`;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'minqing-public-entry-'));
  t = await createTestApp({
    MINQING_DATA_DIR: dir,
    MINQING_PUBLIC_RATE_LIMIT_PER_MINUTE: '1000',
    // Tries of one code come at once below: none may be shed before it is counted.
    MINQING_SHED_OUTSIDE_IN_FLIGHT: '64',
    MINQING_DB_QUEUE_DELAY_MS: '0',
  });
  attachmentDir = t.app.ctx.config.cases.attachmentDir;
  demo = await seedSmallDemo(t, 20);
  const db = t.database.db;
  const community = await db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', onSameDistrict('u.id', 'g.user_id'))
    .innerJoin('region as r', onSameDistrict('r.id', 'g.scope_region_id'))
    .select(['r.path'])
    .where('u.username', '=', 'worker1')
    .executeTakeFirstOrThrow();
  grid = await firstGridBelow(t, community.path);
  const creator = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'sysadmin')
    .executeTakeFirstOrThrow();
  const estateId = uuidv7();
  const now = new Date();
  await db
    .insertInto('estate')
    .values({
      district_code: grid.district_code,
      id: estateId,
      grid_id: grid.id,
      name: ESTATE,
      address: null,
      created_at: now,
      updated_at: now,
      removed_at: null,
    })
    .execute();
  Object.assign(codes, {
    grid: codeOf('K7M2QX9A'),
    estate: codeOf('E5TATE00'),
    retired: codeOf('RETRD0D1'),
  });
  const row = (code: string, estate: string | null, retired: string | null = null) => ({
    district_code: grid.district_code,
    code,
    region_id: grid.id,
    estate_id: estate,
    created_at: now,
    created_by: creator.id,
    retired_at: retired ? now : null,
    retired_by: retired ? creator.id : null,
    replaced_by: retired,
  });
  await db
    .insertInto('public_code')
    .values([row(codes.grid, null), row(codes.estate, estateId), row(codes.retired, null, codes.grid)])
    .execute();
  admin = await demo.signIn('sysadmin');
  dispatcher = await demo.signIn('dispatcher');
});
afterAll(async () => t?.close());

describe('a report by public code', () => {
  it('records the grid, and the estate in the address', async () => {
    const byGrid = await post('/api/v1/public/reports', report());
    expect(byGrid.statusCode, byGrid.body).toBe(201);
    const gridCase = await caseByNumber((byGrid.json() as { number: string }).number);
    expect(gridCase).toMatchObject({ region_id: grid.id, channel: 'self_report', address: null });

    // A code typed by hand in lower case still reads.
    const byEstate = await post(
      '/api/v1/public/reports',
      report({ code: codes.estate.toLowerCase(), address: '3幢2单元' }),
    );
    expect(byEstate.statusCode, byEstate.body).toBe(201);
    const estateCase = await caseByNumber((byEstate.json() as { number: string }).number);
    expect(estateCase).toMatchObject({ region_id: grid.id, address: `${ESTATE} 3幢2单元` });
  });

  it('answers 410 for a retired code, naming its replacement; unknown codes are a validation error', async () => {
    const retired = await post('/api/v1/public/reports', report({ code: codes.retired }));
    expect(retired.statusCode).toBe(410);
    expect(retired.json()).toMatchObject({ code: 'PUBLIC_CODE_RETIRED' });
    expect(retired.json()).toMatchObject({ details: { replacedBy: codes.grid } });

    for (const code of [codeOf('ZZZZZZZZ'), 'not a code']) {
      const unknown = await post('/api/v1/public/reports', report({ code }));
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    // Exactly one way to name the place.
    const both = await post('/api/v1/public/reports', report({ regionId: grid.id }));
    expect(both.statusCode).toBe(422);
    const old = await post('/api/v1/public/reports', report({ code: undefined, regionId: grid.id }));
    expect(old.statusCode, old.body).toBe(201);
  });
});

describe('photos on the public form', () => {
  it('stores them without their metadata, as attachments staff see on the case', async () => {
    const photos = [
      { fileName: 'lamp.jpg', data: jpegWithGps().toString('base64') },
      { data: PNG.toString('base64') },
    ];
    const res = await post('/api/v1/public/reports', report({ photos }));
    expect(res.statusCode, res.body).toBe(201);
    const kase = await caseByNumber((res.json() as { number: string }).number);
    const rows = await t.database.db
      .selectFrom('case_attachment')
      .selectAll()
      .where('case_id', '=', kase.id)
      .orderBy('file_name')
      .execute();
    expect(rows.map((r) => [r.file_name, r.content_type, r.uploaded_by])).toEqual([
      ['lamp.jpg', 'image/jpeg', null],
      ['photo-2.png', 'image/png', null],
    ]);
    const stored = await readFile(path.join(attachmentDir, rows[0]?.storage_key as string));
    expect(stored.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(stored.includes(gpsBytes())).toBe(false);
    expect(stored.length).toBeLessThan(jpegWithGps().length);

    const page = await demo.send('GET', `/api/v1/cases/${kase.id}`, undefined, dispatcher);
    expect(page.status, page.text()).toBe(200);
    expect((page.json() as CaseDetail).attachments.map((a) => a.fileName).sort()).toEqual([
      'lamp.jpg',
      'photo-2.png',
    ]);
  });

  it('refuses more than three photos, and anything but JPEG or PNG, storing nothing', async () => {
    const before = await t.database.db
      .selectFrom('case_attachment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const one = { data: PNG.toString('base64') };
    expect((await post('/api/v1/public/reports', report({ photos: [one, one, one, one] }))).statusCode).toBe(
      422,
    );
    for (const bytes of [PDF, GIF]) {
      const res = await post(
        '/api/v1/public/reports',
        report({ photos: [{ data: bytes.toString('base64') }] }),
      );
      expect(res.statusCode).toBe(415);
    }
    const after = await t.database.db
      .selectFrom('case_attachment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('entry links', () => {
  it('records the channel of a signed entry, and self_report for a forged or unsigned one', async () => {
    const made = await demo.send(
      'POST',
      '/api/v1/public-intake/entry-links',
      { channel: 'wechat', path: `/q/${codes.grid}` },
      admin,
    );
    expect(made.status, made.text()).toBe(201);
    const link = made.json() as { entry: string; path: string };
    expect(link.path).toBe(`/q/${codes.grid}?entry=${encodeURIComponent(link.entry)}`);
    // Residents cannot make one.
    expect(
      (await demo.send('POST', '/api/v1/public-intake/entry-links', { channel: 'wechat', path: '/q/x' }))
        .status,
    ).toBe(401);

    const channelOf = async (entry: string) => {
      const res = await post('/api/v1/public/reports', report({ entry }));
      expect(res.statusCode, res.body).toBe(201);
      return (await caseByNumber((res.json() as { number: string }).number)).channel;
    };
    expect(await channelOf(link.entry)).toBe('wechat');
    const forged = `wechat.${'A'.repeat(link.entry.length - 'wechat.'.length)}`;
    expect(await channelOf(forged)).toBe('self_report');
    expect(await channelOf('wechat')).toBe('self_report');
    // The signature is the channel's: it does not carry over to another channel.
    expect(await channelOf(link.entry.replace(/^wechat/, 'forum'))).toBe('self_report');
  });
});

describe('phone verification by SMS code', () => {
  const sent: { phone: string; text: string }[] = [];
  const sms: SmsGateway = {
    async send(phone, text) {
      sent.push({ phone, text });
    },
  };
  const deliver = () =>
    deliverDue(
      {
        db: t.database.db,
        settings: { ...t.app.ctx.config.cases, webhooks: { urls: [], secret: undefined } },
        cipher: t.app.ctx.cipher,
        sms,
        log: { info: () => {}, warn: () => {} },
      } as Parameters<typeof deliverDue>[0],
      new Date(),
      { maxBatches: 100 },
    );
  const codeSentTo = async (phone: string) => {
    sent.length = 0;
    await deliver();
    const text = sent.find((s) => s.phone === phone)?.text ?? '';
    return /验证码是(\d{6})/.exec(text)?.[1] as string;
  };

  it('is off by default: no code asked, none sent', async () => {
    const res = await post('/api/v1/public/phone-codes', { phone: '13700000001', code: codes.grid });
    expect(res.statusCode).toBe(422);
    const region = await t.app.inject({ method: 'GET', url: `/api/v1/public/regions/${grid.id}` });
    expect(region.json()).toMatchObject({ phoneVerification: false });
  });

  it('once switched on, requires the right, fresh, unused code', async () => {
    const on = await demo.send('PUT', '/api/v1/public-intake/settings', { phoneVerification: true }, admin);
    expect(on.status, on.text()).toBe(200);
    const region = await t.app.inject({ method: 'GET', url: `/api/v1/public/regions/${grid.id}` });
    expect(region.json()).toMatchObject({ phoneVerification: true });

    const phone = '13700000002';
    const without = await post('/api/v1/public/reports', report({ phone }));
    expect(without.statusCode).toBe(422);
    expect(without.json()).toMatchObject({ code: 'PHONE_CODE_REQUIRED' });
    expect(
      (await post('/api/v1/public/reports', report({ phone, phoneCode: '123456' }))).json(),
    ).toMatchObject({
      code: 'PHONE_CODE_EXPIRED',
    });

    const asked = await post('/api/v1/public/phone-codes', { phone: '+86 137-0000-0002', code: codes.grid });
    expect(asked.statusCode, asked.body).toBe(202);
    // One code a minute per phone.
    const again = await post('/api/v1/public/phone-codes', { phone, regionId: grid.id });
    expect(again.statusCode).toBe(429);
    // The outbox holds neither the phone nor the code in plain.
    const outbox = await t.database.db
      .selectFrom('outbox_message')
      .selectAll()
      .where('topic', '=', PHONE_CODE_TOPIC)
      .execute();
    expect(outbox).toHaveLength(1);
    expect(JSON.stringify(outbox)).not.toContain(phone);

    const code = await codeSentTo(phone);
    expect(code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(outbox)).not.toContain(code);
    const wrong = code === '000000' ? '000001' : '000000';
    const refused = await post('/api/v1/public/reports', report({ phone, phoneCode: wrong }));
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'PHONE_CODE_WRONG' });

    const accepted = await post('/api/v1/public/reports', report({ phone, phoneCode: code }));
    expect(accepted.statusCode, accepted.body).toBe(201);
    // Used up: a second report with it is refused.
    const reused = await post('/api/v1/public/reports', report({ phone, phoneCode: code, title: '又一件' }));
    expect(reused.json()).toMatchObject({ code: 'PHONE_CODE_EXPIRED' });
  });

  it('sends one code to a phone for requests that come at once', async () => {
    const phone = '13700000005';
    expect((await post('/api/v1/public/phone-codes', { phone, regionId: grid.id })).statusCode).toBe(202);
    // Two minutes later (a new code may be asked for), four asks arrive together.
    await t.database.db
      .updateTable('public_phone_code')
      .set({ created_at: new Date(Date.now() - 120_000) })
      .where('phone_hash', '=', t.app.ctx.cipher.hash(phone))
      .execute();
    const asks = await Promise.all(
      [1, 2, 3, 4].map(() => post('/api/v1/public/phone-codes', { phone, regionId: grid.id })),
    );
    expect(asks.map((a) => a.statusCode).sort()).toEqual([202, 429, 429, 429]);
    const sent = await t.database.db
      .selectFrom('public_phone_code')
      .select('id')
      .where('phone_hash', '=', t.app.ctx.cipher.hash(phone))
      .execute();
    expect(sent).toHaveLength(2);
  });

  it('refuses an expired code and a code after five tries, however many come at once', async () => {
    const phone = '13700000003';
    expect((await post('/api/v1/public/phone-codes', { phone, regionId: grid.id })).statusCode).toBe(202);
    const code = await codeSentTo(phone);
    await t.database.db
      .updateTable('public_phone_code')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('phone_hash', '=', t.app.ctx.cipher.hash(phone))
      .execute();
    expect((await post('/api/v1/public/reports', report({ phone, phoneCode: code }))).json()).toMatchObject({
      code: 'PHONE_CODE_EXPIRED',
    });

    const other = '13700000004';
    expect((await post('/api/v1/public/phone-codes', { phone: other, code: codes.grid })).statusCode).toBe(
      202,
    );
    const right = await codeSentTo(other);
    const wrong = right === '000000' ? '000001' : '000000';
    // Eight wrong tries at once: five are compared, the rest find the code spent.
    const tries = await Promise.all(
      Array.from({ length: 8 }, () =>
        post('/api/v1/public/reports', report({ phone: other, phoneCode: wrong })),
      ),
    );
    const answers = tries.map((r) => (r.json() as { code: string }).code).sort();
    expect(answers).toEqual([...Array(3).fill('PHONE_CODE_EXPIRED'), ...Array(5).fill('PHONE_CODE_WRONG')]);
    const counted = await t.database.db
      .selectFrom('public_phone_code')
      .select('attempts')
      .where('phone_hash', '=', t.app.ctx.cipher.hash(other))
      .executeTakeFirstOrThrow();
    expect(counted.attempts).toBe(5);
    expect(
      (await post('/api/v1/public/reports', report({ phone: other, phoneCode: right }))).json(),
    ).toMatchObject({
      code: 'PHONE_CODE_EXPIRED',
    });

    const off = await demo.send('PUT', '/api/v1/public-intake/settings', { phoneVerification: false }, admin);
    expect(off.status).toBe(200);
    expect((await post('/api/v1/public/reports', report({ phone: other }))).statusCode).toBe(201);
  });
});

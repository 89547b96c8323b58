import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrganisation } from '../../src/server/seed/organisation.ts';
import type { Department, DepartmentList } from '../../src/shared/domain/department.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { seedSmallDemo } from '../support/demo.ts';

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
let district: { id: string; code: string; name: string };
let street: { id: string; name: string };
let community: { id: string };
let serial = 0;
const code = () => `t${Date.now().toString(36)}${serial++}`;

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, user: string, body?: unknown) =>
  demo.send(method, url, body, cookies[user]);
const list = async (user = 'sysadmin') =>
  (await send('GET', '/api/v1/departments', user)).json() as DepartmentList;
const byCode = async (c: string) => (await list()).items.find((d) => d.code === c) as Department;

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 30);
  const db = t.database.db;
  district = await db
    .selectFrom('region')
    .select(['id', 'code', 'name'])
    .where('level', '=', 'district')
    .executeTakeFirstOrThrow();
  street = await db
    .selectFrom('region')
    .select(['id', 'name'])
    .where('level', '=', 'street')
    .executeTakeFirstOrThrow();
  community = await db
    .selectFrom('region')
    .select('id')
    .where('level', '=', 'community')
    .executeTakeFirstOrThrow();
  for (const u of ['sysadmin', 'worker1', 'leader']) cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

describe('the seeded departments', () => {
  it('lists the district bureaus and the street offices to everyone, with what each owns', async () => {
    const worker = await list('worker1');
    const district_ = worker.items.filter((d) => d.level === 'district');
    const street_ = worker.items.filter((d) => d.level === 'street');
    expect(district_.length).toBe(12);
    expect(street_.length).toBe(4);
    expect(district_.every((d) => d.regionId === district.id && d.regionName === '萧山区')).toBe(true);
    expect(street_.every((d) => d.regionId === street.id && d.name.startsWith('宁围街道'))).toBe(true);
    expect(worker.items.map((d) => d.name)).toEqual(
      expect.arrayContaining(['萧山区综合行政执法局', '杭州市公安局萧山区分局', '宁围街道城市管理办公室']),
    );
    // District departments come first.
    expect(worker.items.findIndex((d) => d.level === 'street')).toBe(district_.length);
    const counts = Object.fromEntries(worker.items.map((d) => [d.code, d.categoryCount]));
    // Human resources own 劳动就业, and the subcategories 社会保险 and 招工用工 of other tops.
    expect(counts.hr_social_security).toBe(3);
    expect(counts.law_enforcement).toBe(1);
    expect(worker.items.every((d) => d.actions.length === 0)).toBe(true);
    expect(worker.actions).toEqual([]);

    const admin = await list();
    expect(admin.actions).toEqual(['create']);
    expect(admin.items.every((d) => d.actions.includes('edit'))).toBe(true);
  });

  it('seeds idempotently: a second run adds nothing and keeps edits', async () => {
    const before = await byCode('education');
    await send('PATCH', `/api/v1/departments/${before.id}`, 'sysadmin', { name: '萧山区教育局（改）' });
    const count = async (table: 'department' | 'case_category') =>
      Number(
        (
          await t.database.db
            .selectFrom(table)
            .select((e) => e.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const departments = await count('department');
    const categories = await count('case_category');
    await seedOrganisation(t.database.db, district.code);
    expect(await count('department')).toBe(departments);
    expect(await count('case_category')).toBe(categories);
    expect((await byCode('education')).name).toBe('萧山区教育局（改）');
  });
});

describe('creating departments', () => {
  it('creates district departments on the district and street ones on a street', async () => {
    const c1 = code();
    const res = await send('POST', '/api/v1/departments', 'sysadmin', {
      code: c1,
      name: '萧山区农业农村局',
      level: 'district',
      regionId: district.id,
    });
    expect(res.status).toBe(201);
    expect(res.json()).toMatchObject({
      code: c1,
      level: 'district',
      regionName: '萧山区',
      active: true,
      categoryCount: 0,
      actions: ['edit'],
    });
    const c2 = code();
    const onStreet = await send('POST', '/api/v1/departments', 'sysadmin', {
      code: c2,
      name: '宁围街道党群服务中心',
      level: 'street',
      regionId: street.id,
    });
    expect(onStreet.status).toBe(201);
    expect((await list('leader')).items.map((d) => d.code)).toEqual(expect.arrayContaining([c1, c2]));
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'department.created')
      .execute();
    expect(audit.map((a) => a.object_id)).toEqual(
      expect.arrayContaining([(res.json() as Department).id, (onStreet.json() as Department).id]),
    );
  });

  it('refuses the wrong node for the level, duplicate codes, bad input and non-writers', async () => {
    const before = (await list()).items.length;
    const post = (body: Record<string, unknown>, user = 'sysadmin') =>
      send('POST', '/api/v1/departments', user, body);
    expect((await post({ code: code(), name: 'x', level: 'district', regionId: street.id })).status).toBe(
      422,
    );
    expect((await post({ code: code(), name: 'x', level: 'street', regionId: community.id })).status).toBe(
      422,
    );
    expect((await post({ code: code(), name: 'x', level: 'street', regionId: district.id })).status).toBe(
      422,
    );
    expect((await post({ code: code(), name: 'x', level: 'province', regionId: district.id })).status).toBe(
      422,
    );
    expect((await post({ code: 'a.b', name: 'x', level: 'district', regionId: district.id })).status).toBe(
      422,
    );
    expect(
      (await post({ code: code(), name: 'x', level: 'district', regionId: district.id, active: false }))
        .status,
    ).toBe(422);
    expect(
      (await post({ code: code(), name: 'x', level: 'district', regionId: crypto.randomUUID() })).status,
    ).toBe(404);
    const dup = await post({ code: 'housing', name: '重复', level: 'district', regionId: district.id });
    expect(dup.status).toBe(409);
    expect(
      (await post({ code: code(), name: 'x', level: 'district', regionId: district.id }, 'leader')).status,
    ).toBe(403);
    expect((await list()).items.length).toBe(before);
  });
});

describe('editing departments', () => {
  it('renames, reorders, deactivates and reactivates; never while it still owns active categories', async () => {
    const owner = await byCode('environment');
    const busy = await send('PATCH', `/api/v1/departments/${owner.id}`, 'sysadmin', { active: false });
    expect(busy.status).toBe(409);
    expect((await byCode('environment')).active).toBe(true);

    const c = code();
    const created = (
      await send('POST', '/api/v1/departments', 'sysadmin', {
        code: c,
        name: '萧山区档案馆',
        level: 'district',
        regionId: district.id,
      })
    ).json() as Department;
    const renamed = await send('PATCH', `/api/v1/departments/${created.id}`, 'sysadmin', {
      name: '萧山区档案局',
      sortOrder: 40,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '萧山区档案局', sortOrder: 40 });
    const off = await send('PATCH', `/api/v1/departments/${created.id}`, 'sysadmin', { active: false });
    expect(off.json()).toMatchObject({ active: false });
    expect(
      (await send('PATCH', `/api/v1/departments/${created.id}`, 'sysadmin', { active: true })).json(),
    ).toMatchObject({ active: true });

    for (const body of [{}, { code: 'x' }, { level: 'street' }, { regionId: street.id }, { name: '' }]) {
      expect(
        (await send('PATCH', `/api/v1/departments/${created.id}`, 'sysadmin', body)).status,
        JSON.stringify(body),
      ).toBe(422);
    }
    expect(
      (await send('PATCH', `/api/v1/departments/${crypto.randomUUID()}`, 'sysadmin', { name: 'x' })).status,
    ).toBe(404);
    expect((await send('PATCH', `/api/v1/departments/${created.id}`, 'leader', { name: 'x' })).status).toBe(
      403,
    );
    expect(await byCode(c)).toMatchObject({ name: '萧山区档案局', active: true, code: c, level: 'district' });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'department.updated')
      .where('object_id', '=', created.id)
      .execute();
    expect(audit.length).toBe(3);
  });
});

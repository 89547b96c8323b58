import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaseCategory,
  type CategoryList,
  isSelectable,
  ownerOf,
} from '../../src/shared/domain/category.ts';
import { DEFAULT_CATEGORIES } from '../../src/shared/domain/default-categories.ts';
import type { DepartmentList } from '../../src/shared/domain/department.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
let serial = 0;
const code = () => `c${Date.now().toString(36)}${serial++}`;

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, user: string, body?: unknown) =>
  demo.send(method, url, body, cookies[user]);
const categories = async (user = 'sysadmin') =>
  (await send('GET', '/api/v1/categories', user)).json() as CategoryList;
const departments = async () =>
  ((await send('GET', '/api/v1/departments', 'sysadmin')).json() as DepartmentList).items;
const departmentId = async (c: string) => (await departments()).find((d) => d.code === c)?.id as string;
const category = async (c: string) => (await categories()).items.find((x) => x.code === c) as CaseCategory;

/** A case the grid worker takes in at a grid of theirs, filed under `categoryId`. */
async function intakeUnder(categoryId: string) {
  const worker = (await demoGrants(t)).find((g) => g.username === 'worker1');
  const grid = await firstGridBelow(t, worker?.path as string);
  return demo.send(
    'POST',
    '/api/v1/cases',
    {
      channel: 'visit',
      kind: 'help',
      urgency: 'ordinary',
      title: '占道经营',
      description: '路口有流动摊贩占道经营。',
      regionId: grid.id,
      categoryId,
      reporter: { type: 'resident', name: '王五' },
    },
    cookies.worker1,
    { 'idempotency-key': crypto.randomUUID() },
  );
}

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 30);
  for (const u of ['sysadmin', 'worker1', 'dispatcher']) cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

describe('the category tree', () => {
  it('lists the default taxonomy flat, parents right before their children, with owners', async () => {
    const list = await categories('worker1');
    const tops = list.items.filter((c) => c.parentId === null);
    expect(tops.map((c) => c.code)).toEqual(DEFAULT_CATEGORIES.map((c) => c.code));
    expect(list.items.length).toBe(DEFAULT_CATEGORIES.reduce((n, c) => n + 1 + c.children.length, 0));
    // Each top category is followed by exactly its children.
    let currentTop: CaseCategory | undefined;
    for (const item of list.items) {
      if (item.parentId === null) currentTop = item;
      else {
        expect(item.parentId).toBe(currentTop?.id);
        expect(item.path).toBe(`${currentTop?.path}.${item.code}`);
        expect(item.depth).toBe(2);
      }
    }
    const urban = list.items.find((c) => c.code === 'urban') as CaseCategory;
    expect(urban).toMatchObject({
      name: '城市管理',
      nameEn: 'City management',
      departmentName: '萧山区综合行政执法局',
      active: true,
      depth: 1,
    });
    const stalls = list.items.find((c) => c.code === 'urban_stalls') as CaseCategory;
    expect(stalls.departmentId).toBeNull();
    expect(ownerOf(list.items, stalls.id)).toBe(urban.departmentId);
    const hiring = list.items.find((c) => c.code === 'enterprise_hiring') as CaseCategory;
    expect(ownerOf(list.items, hiring.id)).toBe(await departmentId('hr_social_security'));
    expect(
      ownerOf(list.items, (list.items.find((c) => c.code === 'other_misc') as CaseCategory).id),
    ).toBeNull();
    expect(list.items.every((c) => c.actions.length === 0)).toBe(true);
    expect(list.actions).toEqual([]);

    const admin = await categories();
    expect(admin.actions).toEqual(['create']);
    expect(admin.items.find((c) => c.code === 'urban')?.actions).toEqual(['edit', 'create-child']);
    expect(admin.items.find((c) => c.code === 'urban_stalls')?.actions).toEqual(['edit']);
  });
});

describe('creating categories', () => {
  it('adds a top category and a subcategory with an owner, and goes no deeper than two levels', async () => {
    const topCode = code();
    const top = await send('POST', '/api/v1/categories', 'sysadmin', {
      code: topCode,
      name: '文化旅游',
      nameEn: 'Culture and tourism',
    });
    expect(top.status).toBe(201);
    const topCategory = top.json() as CaseCategory;
    expect(topCategory).toMatchObject({
      code: topCode,
      path: topCode,
      depth: 1,
      parentId: null,
      departmentId: null,
      nameEn: 'Culture and tourism',
    });
    const owner = await departmentId('education');
    const childCode = `${topCode}_venues`;
    const child = await send('POST', '/api/v1/categories', 'sysadmin', {
      parentId: topCategory.id,
      code: childCode,
      name: '文化场馆',
      departmentId: owner,
    });
    expect(child.status).toBe(201);
    expect(child.json()).toMatchObject({
      path: `${topCode}.${childCode}`,
      depth: 2,
      departmentId: owner,
      departmentName: '萧山区教育局',
      nameEn: null,
    });
    const deeper = await send('POST', '/api/v1/categories', 'sysadmin', {
      parentId: (child.json() as CaseCategory).id,
      code: code(),
      name: '第三级',
    });
    expect(deeper.status).toBe(422);
    // The new top category comes last; its child right after it.
    const list = (await categories()).items;
    expect(list.slice(-2).map((c) => c.code)).toEqual([topCode, childCode]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'category.created')
      .execute();
    expect(audit.map((a) => a.object_id)).toEqual(
      expect.arrayContaining([topCategory.id, (child.json() as CaseCategory).id]),
    );
  });

  it('refuses duplicate codes, bad codes, unknown or inactive owners, unknown parents and non-writers', async () => {
    const before = (await categories()).items.length;
    const post = (body: Record<string, unknown>, user = 'sysadmin') =>
      send('POST', '/api/v1/categories', user, body);
    expect((await post({ code: 'urban', name: '重复' })).status).toBe(409);
    expect((await post({ code: 'a.b', name: '带点' })).status).toBe(422);
    expect((await post({ code: code(), name: '' })).status).toBe(422);
    expect((await post({ code: code(), name: 'x', path: 'x' })).status).toBe(422);
    expect((await post({ code: code(), name: 'x', departmentId: crypto.randomUUID() })).status).toBe(422);
    expect((await post({ code: code(), name: 'x', parentId: crypto.randomUUID() })).status).toBe(422);
    const inactive = (
      await send('POST', '/api/v1/departments', 'sysadmin', {
        code: code(),
        name: '已撤销的部门',
        level: 'district',
        regionId: (await departments())[0]?.regionId,
      })
    ).json() as { id: string };
    await send('PATCH', `/api/v1/departments/${inactive.id}`, 'sysadmin', { active: false });
    expect((await post({ code: code(), name: 'x', departmentId: inactive.id })).status).toBe(422);
    expect((await post({ code: code(), name: 'x' }, 'dispatcher')).status).toBe(403);
    expect((await categories()).items.length).toBe(before);
  });
});

describe('editing categories', () => {
  it('changes the owner (department counts follow), clears it, renames and deactivates', async () => {
    const stalls = await category('urban_stalls');
    const market = await departmentId('market_regulation');
    const countOf = async (c: string) => (await departments()).find((d) => d.code === c)?.categoryCount;
    const marketBefore = await countOf('market_regulation');

    const changed = await send('PATCH', `/api/v1/categories/${stalls.id}`, 'sysadmin', {
      departmentId: market,
    });
    expect(changed.status).toBe(200);
    expect(changed.json()).toMatchObject({ departmentId: market, departmentName: '萧山区市场监督管理局' });
    expect(await countOf('market_regulation')).toBe((marketBefore as number) + 1);
    const list = (await categories()).items;
    expect(ownerOf(list, stalls.id)).toBe(market);

    const cleared = await send('PATCH', `/api/v1/categories/${stalls.id}`, 'sysadmin', {
      departmentId: null,
      nameEn: null,
      name: '占道经营',
    });
    expect(cleared.json()).toMatchObject({
      departmentId: null,
      departmentName: null,
      nameEn: null,
      name: '占道经营',
    });
    expect(await countOf('market_regulation')).toBe(marketBefore);

    // A deactivated top category takes its subcategories out of use without touching their flags.
    const urban = await category('urban');
    expect(
      (await send('PATCH', `/api/v1/categories/${urban.id}`, 'sysadmin', { active: false })).json(),
    ).toMatchObject({ active: false });
    const after = (await categories()).items;
    expect(after.find((c) => c.id === stalls.id)?.active).toBe(true);
    expect(isSelectable(after, stalls.id)).toBe(false);
    // The server applies the same rule to a case filed under it (categoriesInUse).
    const refused = await intakeUnder(stalls.id);
    expect(refused.status).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'body.categoryId' }],
    });
    await send('PATCH', `/api/v1/categories/${urban.id}`, 'sysadmin', { active: true });
    expect(isSelectable((await categories()).items, stalls.id)).toBe(true);
    expect((await intakeUnder(stalls.id)).status).toBe(201);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'category.updated')
      .where('object_id', '=', stalls.id)
      .orderBy('seq')
      .execute();
    expect(audit[0]?.detail).toMatchObject({ after: { departmentId: market } });
  });

  it('refuses fixed fields, empty changes, unknown ids, unknown owners and non-writers', async () => {
    const env = await category('env');
    for (const body of [
      {},
      { code: 'x' },
      { parentId: null },
      { path: 'x' },
      { name: '' },
      { departmentId: 'nope' },
    ]) {
      expect(
        (await send('PATCH', `/api/v1/categories/${env.id}`, 'sysadmin', body)).status,
        JSON.stringify(body),
      ).toBe(422);
    }
    expect(
      (await send('PATCH', `/api/v1/categories/${env.id}`, 'sysadmin', { departmentId: crypto.randomUUID() }))
        .status,
    ).toBe(422);
    expect(
      (await send('PATCH', `/api/v1/categories/${crypto.randomUUID()}`, 'sysadmin', { name: 'x' })).status,
    ).toBe(404);
    expect((await send('PATCH', `/api/v1/categories/${env.id}`, 'worker1', { name: 'x' })).status).toBe(403);
    expect(await category('env')).toMatchObject({ name: '生态环境', code: 'env', path: 'env', active: true });
  });
});

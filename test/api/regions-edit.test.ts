import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/modules/users/create-user.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-accounts.ts';
import type { MoveResult, RegionNode, RegionSearchHit } from '../../src/shared/domain/region.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { seedSmallDemo } from '../support/demo.ts';

interface Region {
  id: string;
  path: string;
  code: string;
  name: string;
  parent_id: string | null;
  district_code: string;
}

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
let street: Region;
let communityA: Region;
let communityB: Region;
let serial = 0;
const unique = () => `${Date.now().toString(36)}${serial++}`;

const region = (id: string) =>
  t.database.db.selectFrom('region').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const scopeOf = async (username: string) => {
  const row = await t.database.db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', (j) =>
      j.onRef('u.district_code', '=', 'g.district_code').onRef('u.id', '=', 'g.user_id'),
    )
    .select('g.scope_region_id')
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  return region(row.scope_region_id as string);
};
const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, user: string, body?: unknown) =>
  demo.send(method, url, body, cookies[user]);
const children = async (parentId: string, user = 'sysadmin') =>
  ((await send('GET', `/api/v1/regions?parentId=${parentId}`, user)).json() as { items: RegionNode[] }).items;
const node = async (parentId: string, id: string, user = 'sysadmin') =>
  (await children(parentId, user)).find((n) => n.id === id) as RegionNode;
const create = (body: Record<string, unknown>, user = 'sysadmin') =>
  send('POST', '/api/v1/regions', user, body);

/** Households filed in a grid (the small demo spreads few over many grids, so add some). */
async function addHouseholds(grid: Region, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = crypto.randomUUID();
    await t.database.db
      .insertInto('household')
      .values({
        district_code: grid.district_code,
        id,
        grid_id: grid.id,
        region_path: grid.path,
        code: `T-${unique()}`,
        address: `测试路${i}号`,
        tags: [],
      })
      .execute();
    ids.push(id);
  }
  return ids;
}

async function addEnterprisesTo(grid: Region, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = crypto.randomUUID();
    await t.database.db
      .insertInto('enterprise')
      .values({
        district_code: grid.district_code,
        id,
        grid_id: grid.id,
        region_path: grid.path,
        name: `迁移测试${unique()}有限公司`,
        credit_code: `91MOVE${String(serial++).padStart(12, '0')}`,
        address: `测试路${i}号`,
        tags: [],
      })
      .execute();
    ids.push(id);
  }
  return ids;
}

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 120);
  communityA = await scopeOf('worker1');
  communityB = await scopeOf('worker2');
  street = await scopeOf('leader');
  // A system administrator whose regions:write reaches one community only.
  await createUser(t.database.db, {
    districtCode: street.district_code,
    username: 'sysadmin.a',
    displayName: '社区系统管理员',
    password: DEMO_PASSWORD,
    mustChangePassword: false,
    grants: [{ role: 'sysadmin', scopeRegionId: communityA.id }],
    actor: { districtCode: street.district_code, username: 'test', sourceIp: null },
  });
  for (const u of ['sysadmin', 'sysadmin.a', 'leader', 'worker1', 'worker2', 'auditor'])
    cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

describe('region actions', () => {
  it('offers edits only to regions:write holders, and only where the node allows them', async () => {
    const [district] = ((await send('GET', '/api/v1/regions', 'sysadmin')).json() as { items: RegionNode[] })
      .items;
    expect(district?.level).toBe('district');
    expect(district?.actions).toEqual(['create-child', 'rename']);
    const grids = await children(communityA.id);
    expect(grids.length).toBeGreaterThan(0);
    for (const grid of grids) {
      expect(grid.actions).toContain('move');
      expect(grid.actions).toContain('create-child');
      // Grids of the demo have staff or records: none of them may be deleted.
      const empty = grid.childCount + grid.householdCount + grid.enterpriseCount === 0;
      if (!empty) expect(grid.actions).not.toContain('delete');
    }
    const communities = await children(street.id);
    expect(communities.every((c) => !c.actions.includes('move'))).toBe(true);
    expect((await children(communityA.id, 'leader')).every((g) => g.actions.length === 0)).toBe(true);

    // The community-scoped administrator may edit below its community, not its siblings.
    expect((await send('GET', `/api/v1/regions?parentId=${street.id}`, 'sysadmin.a')).status).toBe(404);
    const own = (await send('GET', '/api/v1/regions', 'sysadmin.a')).json() as { items: RegionNode[] };
    expect(own.items.map((n) => n.id)).toEqual([communityA.id]);
    expect(own.items[0]?.actions).toContain('rename');
  });
});

describe('creating regions', () => {
  it('creates a child one level below its parent, with the path of the parent plus the code', async () => {
    const code = `330109013${String(900 + serial++).padStart(3, '0')}`;
    const res = await create({ parentId: street.id, code, name: '测试村', kind: '村' });
    expect(res.status).toBe(201);
    const village = res.json() as RegionNode;
    expect(village).toMatchObject({ level: 'community', kind: '村', path: `${street.path}.${code}` });
    expect(village.actions).toEqual(['create-child', 'rename', 'delete']);

    const grid = (
      await create({ parentId: village.id, code: `${code}-G01`, name: '测试村第1网格' })
    ).json() as RegionNode;
    expect(grid).toMatchObject({ level: 'grid', kind: null, path: `${village.path}.${code}-G01` });
    const micro = (
      await create({ parentId: grid.id, code: `${code}-G01-M1`, name: '微网格一' })
    ).json() as RegionNode;
    expect(micro.level).toBe('micro_grid');
    expect(micro.actions).toEqual(['rename', 'delete', 'move']);
    const below = await create({ parentId: micro.id, code: `${code}-X`, name: '再下一级' });
    expect(below.status).toBe(422);

    // A community defaults to 社区; the parent now counts its new child.
    const plain = (
      await create({ parentId: street.id, code: `${code}1`, name: '测试社区' })
    ).json() as RegionNode;
    expect(plain.kind).toBe('社区');
    expect((await node(street.id, village.id)).childCount).toBe(1);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'object_id', 'actor_name'])
      .where('action', '=', 'region.created')
      .where('object_id', '=', village.id)
      .execute();
    expect(audit).toEqual([{ action: 'region.created', object_id: village.id, actor_name: 'sysadmin' }]);
  });

  it('refuses duplicate codes, bad codes, wrong kinds and unknown fields, and creates nothing', async () => {
    const before = await t.database.db
      .selectFrom('region')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const existing = await region((await children(communityA.id))[0]?.id as string);
    const dup = await create({ parentId: communityA.id, code: existing.code, name: '重复' });
    expect(dup.status).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'CONFLICT' });
    for (const body of [
      { parentId: communityA.id, code: 'a.b', name: '带点' },
      { parentId: communityA.id, code: 'a%b', name: '通配' },
      { parentId: communityA.id, code: '', name: '空' },
      { parentId: communityA.id, code: `G${unique()}`, name: '网格', kind: '社区' },
      { parentId: street.id, code: `C${unique()}`, name: '社区', kind: '街道' },
      { parentId: communityA.id, code: `G${unique()}`, name: '网格', level: 'community' },
      { parentId: communityA.id, code: `G${unique()}`, name: '' },
    ]) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const after = await t.database.db
      .selectFrom('region')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('answers 403 without regions:write and 404 for a parent outside the write scope', async () => {
    expect(
      (await create({ parentId: communityA.id, code: `G${unique()}`, name: '网格' }, 'leader')).status,
    ).toBe(403);
    expect(
      (await create({ parentId: communityB.id, code: `G${unique()}`, name: '网格' }, 'sysadmin.a')).status,
    ).toBe(404);
    const inside = await create(
      { parentId: communityA.id, code: `G${unique()}`, name: '社区管理员建的网格' },
      'sysadmin.a',
    );
    expect(inside.status).toBe(201);
  });
});

describe('renaming regions', () => {
  it('renames and re-kinds a node; code and level cannot be changed', async () => {
    const code = `C${unique()}`;
    const created = (await create({ parentId: street.id, code, name: '旧名社区' })).json() as RegionNode;
    const renamed = await send('PATCH', `/api/v1/regions/${created.id}`, 'sysadmin', {
      name: '新名村',
      kind: '村',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '新名村', kind: '村', code });
    for (const body of [
      { code: 'X1' },
      { level: 'grid' },
      { name: '改名', path: 'x' },
      {},
      { kind: '街道' },
    ]) {
      const res = await send('PATCH', `/api/v1/regions/${created.id}`, 'sysadmin', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    const row = await region(created.id);
    expect(row).toMatchObject({ name: '新名村', kind: '村', code, level: 'community' });
    expect(
      (await send('PATCH', `/api/v1/regions/${communityB.id}`, 'sysadmin.a', { name: 'x' })).status,
    ).toBe(404);
    expect(
      (await send('PATCH', `/api/v1/regions/${crypto.randomUUID()}`, 'sysadmin', { name: 'x' })).status,
    ).toBe(404);
  });
});

describe('deleting regions', () => {
  it('deletes an empty node and refuses one with children, records, staff or grants, naming them', async () => {
    const code = `C${unique()}`;
    const community = (await create({ parentId: street.id, code, name: '待删社区' })).json() as RegionNode;
    const grid = (
      await create({ parentId: community.id, code: `${code}-G1`, name: '待删网格' })
    ).json() as RegionNode;

    const withChild = await send('DELETE', `/api/v1/regions/${community.id}`, 'sysadmin');
    expect(withChild.status).toBe(409);
    expect((withChild.json() as { detail: string }).detail).toContain('1 child regions');

    const gridRow = await region(grid.id);
    const [household] = await addHouseholds(gridRow, 1);
    await t.database.db
      .insertInto('staff')
      .values({
        district_code: gridRow.district_code,
        id: crypto.randomUUID(),
        region_id: grid.id,
        name: '张三',
        post: '网格员',
      })
      .execute();
    const busy = await send('DELETE', `/api/v1/regions/${grid.id}`, 'sysadmin');
    expect(busy.status).toBe(409);
    expect((busy.json() as { detail: string }).detail).toMatch(/1 households.*1 staff/);
    expect((await node(community.id, grid.id)).actions).not.toContain('delete');

    await t.database.db
      .deleteFrom('household')
      .where('id', '=', household as string)
      .execute();
    await t.database.db.deleteFrom('staff').where('region_id', '=', grid.id).execute();
    expect((await node(community.id, grid.id)).actions).toContain('delete');
    expect((await send('DELETE', `/api/v1/regions/${grid.id}`, 'leader')).status).toBe(403);
    expect((await send('DELETE', `/api/v1/regions/${grid.id}`, 'sysadmin')).status).toBe(204);
    expect(
      await t.database.db.selectFrom('region').select('id').where('id', '=', grid.id).executeTakeFirst(),
    ).toBeUndefined();
    expect((await send('DELETE', `/api/v1/regions/${grid.id}`, 'sysadmin')).status).toBe(404);
    expect((await send('DELETE', `/api/v1/regions/${community.id}`, 'sysadmin')).status).toBe(204);

    // A community someone is granted on stays.
    const granted = await send('DELETE', `/api/v1/regions/${communityA.id}`, 'sysadmin');
    expect(granted.status).toBe(409);
    const [district] = ((await send('GET', '/api/v1/regions', 'sysadmin')).json() as { items: RegionNode[] })
      .items;
    expect((await send('DELETE', `/api/v1/regions/${district?.id}`, 'sysadmin')).status).toBe(409);
    const deleted = await t.database.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'region.deleted')
      .execute();
    expect(deleted.map((r) => r.object_id).sort()).toEqual([grid.id, community.id].sort());
  });
});

describe('moving a grid', () => {
  it('moves a grid with its micro-grids, households and enterprises; scopes follow at once', async () => {
    const gridNode = (await children(communityA.id)).sort(
      (a, b) => b.householdCount - a.householdCount,
    )[0] as RegionNode;
    const grid = await region(gridNode.id);
    const householdIds = [...(await addHouseholds(grid, 25))];
    const enterpriseIds = await addEnterprisesTo(grid, 3);
    const micro = (
      await create({ parentId: grid.id, code: `${grid.code}-M${serial++}`, name: '微网格' })
    ).json() as RegionNode;
    const microRow = await region(micro.id);
    householdIds.push(...(await addHouseholds(microRow, 2)));

    const filed = await t.database.db
      .selectFrom('household')
      .select('id')
      .where((eb) => eb.or([eb('region_path', '=', grid.path), eb('region_path', 'like', `${grid.path}.%`)]))
      .execute();
    const enterprisesFiled = await t.database.db
      .selectFrom('enterprise')
      .select('id')
      .where((eb) => eb.or([eb('region_path', '=', grid.path), eb('region_path', 'like', `${grid.path}.%`)]))
      .execute();
    const aBefore = await node(street.id, communityA.id);
    const bBefore = await node(street.id, communityB.id);
    const someHousehold = householdIds[0] as string;
    expect((await send('GET', `/api/v1/households/${someHousehold}`, 'worker1')).status).toBe(200);
    expect((await send('GET', `/api/v1/households/${someHousehold}`, 'worker2')).status).toBe(404);

    const res = await send('POST', `/api/v1/regions/${grid.id}/move`, 'sysadmin', {
      parentId: communityB.id,
    });
    expect(res.status).toBe(200);
    const result = res.json() as MoveResult;
    expect(result.moved).toEqual({
      regions: 2,
      households: filed.length,
      enterprises: enterprisesFiled.length,
    });
    expect(result.region).toMatchObject({
      id: grid.id,
      parentId: communityB.id,
      path: `${communityB.path}.${grid.code}`,
    });

    const newPath = `${communityB.path}.${grid.code}`;
    expect(await region(grid.id)).toMatchObject({ parent_id: communityB.id, path: newPath });
    expect((await region(micro.id)).path).toBe(`${newPath}.${microRow.code}`);
    const stale = await t.database.db
      .selectFrom('household')
      .select('id')
      .where((eb) => eb.or([eb('region_path', '=', grid.path), eb('region_path', 'like', `${grid.path}.%`)]))
      .execute();
    expect(stale).toEqual([]);
    const moved = await t.database.db
      .selectFrom('household')
      .select(['id', 'region_path'])
      .where('id', 'in', householdIds)
      .execute();
    expect(
      moved.every((h) => h.region_path === newPath || h.region_path === `${newPath}.${microRow.code}`),
    ).toBe(true);
    const movedEnterprises = await t.database.db
      .selectFrom('enterprise')
      .select('region_path')
      .where('id', 'in', enterpriseIds)
      .execute();
    expect(movedEnterprises.every((e) => e.region_path === newPath)).toBe(true);

    // Counts follow: community A lost what B gained.
    const aAfter = await node(street.id, communityA.id);
    const bAfter = await node(street.id, communityB.id);
    expect(aAfter.householdCount).toBe(aBefore.householdCount - filed.length);
    expect(bAfter.householdCount).toBe(bBefore.householdCount + filed.length);
    expect(aAfter.enterpriseCount).toBe(aBefore.enterpriseCount - enterprisesFiled.length);
    expect(bAfter.enterpriseCount).toBe(bBefore.enterpriseCount + enterprisesFiled.length);
    expect(aAfter.childCount).toBe(aBefore.childCount - 1);

    // Grants resolve paths from region rows on every request: the signed-in workers see the move.
    expect((await send('GET', `/api/v1/households/${someHousehold}`, 'worker2')).status).toBe(200);
    expect((await send('GET', `/api/v1/households/${someHousehold}`, 'worker1')).status).toBe(404);
    const list = (
      await send('GET', `/api/v1/households?regionId=${grid.id}&limit=100`, 'worker2')
    ).json() as { total: number };
    expect(list.total).toBe(filed.length);
    expect((await send('GET', `/api/v1/households?regionId=${grid.id}`, 'worker1')).status).toBe(404);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['detail', 'actor_name'])
      .where('action', '=', 'region.moved')
      .where('object_id', '=', grid.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_name).toBe('sysadmin');
    expect(audit.detail).toMatchObject({
      from: { parent: communityA.id, path: grid.path },
      to: { parent: communityB.id, path: newPath },
      counts: { regions: 2, households: filed.length, enterprises: enterprisesFiled.length },
    });

    // And back again, so the rest of the suite sees the demo as it was.
    const back = await send('POST', `/api/v1/regions/${grid.id}/move`, 'sysadmin', {
      parentId: communityA.id,
    });
    expect((back.json() as MoveResult).moved.households).toBe(filed.length);
    expect((await region(micro.id)).path).toBe(`${grid.path}.${microRow.code}`);
  });

  it('moves a micro-grid to another grid', async () => {
    const [g1, g2] = await children(communityA.id);
    const micro = (
      await create({ parentId: g1?.id, code: `M${unique()}`, name: '微网格' })
    ).json() as RegionNode;
    const res = await send('POST', `/api/v1/regions/${micro.id}/move`, 'sysadmin', { parentId: g2?.id });
    expect(res.status).toBe(200);
    expect((await region(micro.id)).path).toBe(`${(await region(g2?.id as string)).path}.${micro.code}`);
  });

  it('refuses wrong levels, the same parent, unknown fields, and targets outside the write scope', async () => {
    const [grid, other] = await children(communityA.id);
    const gridId = grid?.id as string;
    const cases: [string, unknown, number][] = [
      [communityA.id, { parentId: communityB.id }, 422],
      [street.id, { parentId: street.id }, 422],
      [gridId, { parentId: other?.id }, 422],
      [gridId, { parentId: street.id }, 422],
      [gridId, { parentId: communityA.id }, 422],
      [gridId, { parentId: communityB.id, path: 'x' }, 422],
      [gridId, {}, 422],
      [gridId, { parentId: crypto.randomUUID() }, 404],
    ];
    for (const [id, body, status] of cases) {
      const res = await send('POST', `/api/v1/regions/${id}/move`, 'sysadmin', body);
      expect(res.status, `${id} ${JSON.stringify(body)}`).toBe(status);
    }
    expect(
      (await send('POST', `/api/v1/regions/${gridId}/move`, 'sysadmin.a', { parentId: communityB.id }))
        .status,
    ).toBe(404);
    expect(
      (await send('POST', `/api/v1/regions/${gridId}/move`, 'leader', { parentId: communityB.id })).status,
    ).toBe(403);
    expect((await region(gridId)).parent_id).toBe(communityA.id);
  });
});

describe('searching regions', () => {
  it('finds names and codes in scope, with breadcrumbs, up to the limit', async () => {
    const grid = await region((await children(communityB.id))[0]?.id as string);
    const search = async (query: string, user = 'sysadmin') => {
      const res = await send('GET', `/api/v1/regions/search?${query}`, user);
      return {
        status: res.status,
        items: res.status === 200 ? (res.json() as { items: RegionSearchHit[] }).items : [],
      };
    };
    const byCode = await search(`q=${encodeURIComponent(grid.code.toLowerCase())}`);
    expect(byCode.items.map((h) => h.id)).toContain(grid.id);
    const hit = byCode.items.find((h) => h.id === grid.id) as RegionSearchHit;
    expect(hit.breadcrumb.map((c) => c.level)).toEqual(['district', 'street', 'community']);
    expect(hit.breadcrumb[2]).toEqual({ id: communityB.id, name: communityB.name, level: 'community' });

    const byName = await search(`q=${encodeURIComponent(grid.name)}`, 'worker2');
    expect(byName.items.map((h) => h.id)).toContain(grid.id);
    // Outside the scope: not found by name, and a subtree outside it is 404.
    expect((await search(`q=${encodeURIComponent(grid.name)}`, 'worker1')).items).toEqual([]);
    expect((await search(`q=a&regionId=${communityB.id}`, 'worker1')).status).toBe(404);
    const below = await search(
      `q=${encodeURIComponent('网格')}&regionId=${communityB.id}&limit=50`,
      'leader',
    );
    expect(below.items.length).toBeGreaterThan(0);
    expect(below.items.every((h) => h.path.startsWith(`${communityB.path}.`))).toBe(true);

    const limited = await search(`q=${encodeURIComponent('网格')}&limit=3`);
    expect(limited.items.length).toBe(3);
    expect((await search('q=x&limit=51')).status).toBe(422);
    expect((await search('limit=5')).status).toBe(422);
    expect((await search('q=x&sort=name')).status).toBe(422);

    // LIKE wildcards are taken literally.
    const underscored = (
      await create({ parentId: communityA.id, code: `U_${unique()}`, name: '下划线网格' })
    ).json() as RegionNode;
    const wild = await search('q=_&limit=50');
    expect(wild.items.map((h) => h.id)).toEqual([underscored.id]);
  });
});

import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/server/modules/auth/principal.ts';
import { caseSuggestionsSchema } from '../../src/shared/domain/case.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, gridsBelow, seedSmallDemo } from '../support/demo.ts';
import { act, principalOf, submit } from './case-helpers.ts';

/**
 * GET /api/v1/cases/:id/suggestions: the units a dispatcher is offered first, and open cases
 * nearby that may report the same thing, only among cases the caller may see.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const principals: Record<string, Principal> = {};
let communityA: { id: string; path: string; name: string };
let communityB: { id: string; path: string };
let gridA1: string;
let gridA2: string;
let gridB: string;

const HERE = { latitude: 30.1801, longitude: 120.2701 };
/** About 150 m north of HERE. */
const NEAR = { latitude: 30.1815, longitude: 120.2701 };
/** About 2 km north of HERE. */
const FAR = { latitude: 30.1981, longitude: 120.2701 };

const get = (id: string, who = 'dispatcher') =>
  demo.send('GET', `/api/v1/cases/${id}/suggestions`, undefined, cookies[who]);

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 40);
  for (const who of ['dispatcher', 'worker1', 'worker2', 'leader']) {
    cookies[who] = await demo.signIn(who);
    principals[who] = await principalOf(t, cookies[who] as string);
  }
  const grants = await demoGrants(t);
  const regionOf = (username: string) =>
    grants.find((g) => g.username === username) as (typeof grants)[number];
  const a = regionOf('worker1');
  const b = regionOf('worker2');
  communityA = { id: a.region_id as string, path: a.path as string, name: a.name as string };
  communityB = { id: b.region_id as string, path: b.path as string };
  const gridsA = await gridsBelow(t, communityA.path);
  gridA1 = gridsA[0]?.id as string;
  gridA2 = (gridsA[1] ?? gridsA[0])?.id as string;
  gridB = (await gridsBelow(t, communityB.path))[0]?.id as string;
});
afterAll(async () => t.close());

describe('duplicate suggestions', () => {
  it('finds open look-alike cases in the community or within 300 m, best first, and nothing else', async () => {
    const w1 = principals.worker1 as Principal;
    const w2 = principals.worker2 as Principal;
    const subject = await submit(t, w1, {
      title: '小区东门口垃圾堆放',
      description: '东门口垃圾堆放三天无人清运，气味很大。',
      regionId: gridA1,
      ...HERE,
    });
    const sameGrid = await submit(t, w1, {
      title: '东门口垃圾堆放无人清运',
      description: '小区东门口垃圾堆放了三天，无人清运。',
      regionId: gridA1,
    });
    const otherGrid = await submit(t, w1, {
      title: '小区门口垃圾堆放',
      description: '门口垃圾堆放，气味很大。',
      regionId: gridA2,
    });
    const nearby = await submit(t, w2, {
      title: '东门口垃圾堆放',
      description: '隔壁小区东门口垃圾堆放三天，气味很大。',
      regionId: gridB,
      ...NEAR,
    });
    const farAway = await submit(t, w2, {
      title: '东门口垃圾堆放',
      description: '东门口垃圾堆放三天无人清运，气味很大。',
      regionId: gridB,
      ...FAR,
    });
    const unrelated = await submit(t, w1, {
      title: '路灯不亮',
      description: '三号楼前路灯晚上不亮，行人不便。',
      regionId: gridA1,
    });
    const old = await submit(
      t,
      w1,
      {
        title: '小区东门口垃圾堆放',
        description: '东门口垃圾堆放三天无人清运，气味很大。',
        regionId: gridA1,
      },
      new Date(Date.now() - 31 * 86_400_000),
    );
    const merged = await submit(t, w1, {
      title: '小区东门口垃圾堆放',
      description: '东门口垃圾堆放三天无人清运。',
      regionId: gridA1,
    });
    await act(t, principals.dispatcher as Principal, merged, 'merge', {
      intoCaseId: subject.id,
      reason: '同一问题重复反映',
    });

    const res = await get(subject.id);
    expect(res.status).toBe(200);
    const body = caseSuggestionsSchema.parse(res.json());
    const ids = body.duplicates.map((d) => d.id);
    expect(new Set(ids)).toEqual(new Set([sameGrid.id, otherGrid.id, nearby.id]));
    for (const excluded of [subject, farAway, unrelated, old, merged]) expect(ids).not.toContain(excluded.id);
    const scores = body.duplicates.map((d) => d.similarity);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(scores.every((s) => s >= 0.35 && s <= 1)).toBe(true);
    const byId = new Map(body.duplicates.map((d) => [d.id, d]));
    expect(byId.get(sameGrid.id)).toMatchObject({
      sameGrid: true,
      number: sameGrid.number,
      state: 'submitted',
    });
    expect(byId.get(otherGrid.id)?.sameGrid).toBe(false);
    expect(byId.get(nearby.id)?.sameGrid).toBe(false);
  });

  it('keeps at most five, and shows only cases the caller may see', async () => {
    const w2 = principals.worker2 as Principal;
    const subject = await submit(t, w2, {
      title: '楼道杂物堆积堵塞消防通道',
      description: '五号楼楼道杂物堆积，堵塞消防通道，存在安全隐患。',
      regionId: gridB,
      ...HERE,
    });
    for (let i = 0; i < 6; i++) {
      await submit(t, w2, {
        title: '楼道杂物堆积堵塞消防通道',
        description: `${i + 1}号楼楼道杂物堆积，堵塞消防通道。`,
        regionId: gridB,
      });
    }
    // In community A, but close by: the street dispatcher sees it, community B's dispatcher not.
    const acrossTheRoad = await submit(t, principals.worker1 as Principal, {
      title: '楼道杂物堆积堵塞消防通道',
      description: '五号楼楼道杂物堆积，堵塞消防通道，存在安全隐患。',
      regionId: gridA1,
      ...NEAR,
    });
    const street = caseSuggestionsSchema.parse((await get(subject.id)).json());
    expect(street.duplicates).toHaveLength(5);
    // The closest wording wins a place among the five.
    expect(street.duplicates[0]?.id).toBe(acrossTheRoad.id);

    // worker2 becomes community B's dispatcher too (grants are read on every request).
    await t.database.db
      .insertInto('role_grant')
      .values({
        district_code: w2.districtCode,
        id: uuidv7(),
        user_id: w2.userId,
        role: 'dispatcher',
        scope_region_id: communityB.id,
        scope_department_id: null,
      })
      .execute();
    const community = await get(subject.id, 'worker2');
    expect(community.status).toBe(200);
    const seen = caseSuggestionsSchema.parse(community.json()).duplicates.map((d) => d.id);
    expect(seen).toHaveLength(5);
    expect(seen).not.toContain(acrossTheRoad.id);
    // …and a case of community A is not there at all for them.
    expect((await get(acrossTheRoad.id, 'worker2')).status).toBe(404);
  });
});

describe('unit suggestions', () => {
  it("offers the category's department (or its parent's) and then the case's community; the community first for its own case", async () => {
    const db = t.database.db;
    const categories = await db
      .selectFrom('case_category as c')
      .innerJoin('case_category as p', (j) =>
        j.onRef('p.district_code', '=', 'c.district_code').onRef('p.id', '=', 'c.parent_id'),
      )
      .innerJoin('department as d', (j) =>
        j.onRef('d.district_code', '=', 'p.district_code').onRef('d.id', '=', 'p.department_id'),
      )
      .select(['c.id', 'c.department_id as own', 'p.department_id as parent', 'd.name as parent_name'])
      .where('c.active', '=', true)
      .where('p.active', '=', true)
      .execute();
    const inherits = categories.find((c) => c.own === null);
    if (!inherits) throw new Error('the demo has no subcategory inheriting its owner');
    const c = await submit(t, principals.worker1 as Principal, {
      title: '占道经营',
      description: '菜市场门口流动摊贩占道经营。',
      regionId: gridA1,
      categoryId: inherits.id,
      // A hotline case: taken in at the street, which routes to departments first.
      channel: 'hotline_12345',
    });
    const body = caseSuggestionsSchema.parse((await get(c.id)).json());
    const department = {
      unit: { kind: 'department', id: inherits.parent, name: inherits.parent_name },
      because: 'parent_category_department',
    };
    const community = {
      unit: { kind: 'region', id: communityA.id, name: communityA.name },
      because: 'case_area',
    };
    expect(body.units).toEqual([department, community]);
    // A visit's problem is the community's own case (taken in at the community): its own unit first.
    const visit = await submit(t, principals.worker1 as Principal, {
      title: '占道经营',
      description: '菜市场门口流动摊贩占道经营。',
      regionId: gridA1,
      categoryId: inherits.id,
    });
    expect(caseSuggestionsSchema.parse((await get(visit.id)).json()).units).toEqual([community, department]);

    const uncategorised = await submit(t, principals.worker1 as Principal, {
      title: '其他问题',
      description: '无法归类的问题。',
      regionId: gridA1,
    });
    expect(caseSuggestionsSchema.parse((await get(uncategorised.id)).json()).units).toEqual([
      { unit: { kind: 'region', id: communityA.id, name: communityA.name }, because: 'case_area' },
    ]);
  });
});

describe('access', () => {
  it('needs cases:dispatch, and answers 404 for an unknown case', async () => {
    const c = await submit(t, principals.worker1 as Principal, {
      title: '噪音扰民',
      description: '夜间施工噪音扰民。',
      regionId: gridA1,
    });
    expect((await get(c.id, 'worker1')).status).toBe(403);
    expect((await get(c.id, 'leader')).status).toBe(403);
    expect((await get(uuidv7())).status).toBe(404);
    expect((await get('not-a-uuid')).status).toBe(422);
  });
});

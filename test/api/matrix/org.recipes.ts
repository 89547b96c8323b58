import crypto from 'node:crypto';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';

/** A fresh node below `parent` (a grid below a community, a community below a street). */
async function freshRegion(
  ctx: RecipeContext,
  parent: { id: string; path: string },
  level: 'community' | 'grid',
): Promise<{ id: string; path: string }> {
  const code = `MX-${ctx.unique()}-${crypto.randomBytes(3).toString('hex')}`;
  const region = {
    district_code: parent.path.split('.')[0] as string,
    id: crypto.randomUUID(),
    parent_id: parent.id,
    level,
    code,
    name: `矩阵${level === 'grid' ? '网格' : '社区'}${code}`,
    kind: level === 'community' ? '社区' : null,
    path: `${parent.path}.${code}`,
  };
  await ctx.t.database.db.insertInto('region').values(region).execute();
  return region;
}

async function streetOf(ctx: RecipeContext, f: Fixture) {
  const community = await ctx.t.database.db
    .selectFrom('region')
    .select('parent_id')
    .where('id', '=', f.community.id)
    .executeTakeFirstOrThrow();
  return ctx.t.database.db
    .selectFrom('region')
    .select(['id', 'path'])
    .where('id', '=', community.parent_id as string)
    .executeTakeFirstOrThrow();
}

const districtOf = (ctx: RecipeContext) =>
  ctx.t.database.db
    .selectFrom('region')
    .select(['id', 'district_code'])
    .where('level', '=', 'district')
    .executeTakeFirstOrThrow();

/** Hierarchy editing, departments and case categories. */
export const orgRecipes: RecipeModule = {
  // Departments and categories are the district's lists; their writers are district-wide.
  districtWide: ['org:write'],
  recipes: {
    'GET /api/v1/regions/search': (f) => ({
      method: 'GET',
      url: `/api/v1/regions/search?q=${encodeURIComponent('网格')}&regionId=${f.community.id}`,
    }),
    'POST /api/v1/regions': (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/regions',
      body: { parentId: f.community.id, code: `MXN-${ctx.unique()}`, name: '矩阵新网格' },
    }),
    'PATCH /api/v1/regions/:id': async (f, ctx) => {
      const grid = await freshRegion(ctx, f.community, 'grid');
      return { method: 'PATCH', url: `/api/v1/regions/${grid.id}`, body: { name: '矩阵改名网格' } };
    },
    'DELETE /api/v1/regions/:id': async (f, ctx) => {
      const grid = await freshRegion(ctx, f.community, 'grid');
      return { method: 'DELETE', url: `/api/v1/regions/${grid.id}` };
    },
    'POST /api/v1/regions/:id/move': async (f, ctx) => {
      const grid = await freshRegion(ctx, f.community, 'grid');
      const target = await freshRegion(ctx, await streetOf(ctx, f), 'community');
      return { method: 'POST', url: `/api/v1/regions/${grid.id}/move`, body: { parentId: target.id } };
    },

    'GET /api/v1/departments': () => ({ method: 'GET', url: '/api/v1/departments' }),
    'POST /api/v1/departments': async (_f, ctx) => ({
      method: 'POST',
      url: '/api/v1/departments',
      body: {
        code: `mx-${ctx.unique()}`,
        name: '矩阵测试局',
        level: 'district',
        regionId: (await districtOf(ctx)).id,
      },
    }),
    'PATCH /api/v1/departments/:id': async (_f, ctx) => {
      const district = await districtOf(ctx);
      const id = crypto.randomUUID();
      await ctx.t.database.db
        .insertInto('department')
        .values({
          district_code: district.district_code,
          id,
          code: `mxp-${ctx.unique()}`,
          name: '矩阵待改部门',
          level: 'district',
          region_id: district.id,
        })
        .execute();
      return { method: 'PATCH', url: `/api/v1/departments/${id}`, body: { name: '矩阵已改部门' } };
    },

    'GET /api/v1/categories': () => ({ method: 'GET', url: '/api/v1/categories' }),
    'POST /api/v1/categories': (_f, ctx) => ({
      method: 'POST',
      url: '/api/v1/categories',
      body: { code: `mx_${ctx.unique()}`, name: '矩阵测试分类' },
    }),
    'PATCH /api/v1/categories/:id': async (_f, ctx) => {
      const { district_code } = await districtOf(ctx);
      const id = crypto.randomUUID();
      const code = `mxc_${ctx.unique()}`;
      await ctx.t.database.db
        .insertInto('case_category')
        .values({ district_code, id, parent_id: null, code, name: '矩阵待改分类', path: code })
        .execute();
      return { method: 'PATCH', url: `/api/v1/categories/${id}`, body: { name: '矩阵已改分类' } };
    },
  },
};

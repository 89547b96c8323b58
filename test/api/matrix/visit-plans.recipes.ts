import { v7 as uuidv7 } from 'uuid';
import { addHousehold } from '../../support/households.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';

const districtOf = (f: Fixture) => f.grid.path.slice(0, 6);

/** The fixture community's street (the rules' level). */
export async function streetOf(f: Fixture, ctx: RecipeContext): Promise<string> {
  const row = await ctx.t.database.db
    .selectFrom('region')
    .select('parent_id')
    .where('id', '=', f.community.id)
    .executeTakeFirstOrThrow();
  return row.parent_id as string;
}

/** The grid worker of the fixture's community. */
async function workerOf(f: Fixture, ctx: RecipeContext): Promise<string> {
  const grant = await ctx.t.database.db
    .selectFrom('role_grant')
    .select('user_id')
    .where('scope_region_id', '=', f.community.id)
    .where('role', '=', 'grid_worker')
    .executeTakeFirstOrThrow();
  return grant.user_id;
}

async function ruleIn(f: Fixture, ctx: RecipeContext): Promise<string> {
  const street = await streetOf(f, ctx);
  const path = (
    await ctx.t.database.db
      .selectFrom('region')
      .select('path')
      .where('id', '=', street)
      .executeTakeFirstOrThrow()
  ).path;
  const id = uuidv7();
  await ctx.t.database.db
    .insertInto('visit_rule')
    .values({
      district_code: districtOf(f),
      id,
      region_id: street,
      region_path: path,
      kind: 'quota',
      params: JSON.stringify({ role: 'grid_worker', target: 'household', count: 50, period: 'month' }),
      created_by: ctx.userId('leader'),
    })
    .execute();
  return id;
}

/** Rules, 包联 assignments, teams and visit settings: visits:plan (the street's leader). */
export const visitPlansRecipes: RecipeModule = {
  // The visit settings are the district's own (one night window and far limit per district).
  recipes: {
    'GET /api/v1/visit-rules': (f) => ({
      method: 'GET',
      url: `/api/v1/visit-rules?regionId=${f.community.id}`,
    }),
    'POST /api/v1/visit-rules': async (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/visit-rules',
      body: {
        regionId: await streetOf(f, ctx),
        kind: 'coverage',
        params: { target: 'household', period: 'quarter', percent: 90 + (ctx.unique() % 10) },
      },
    }),
    'PATCH /api/v1/visit-rules/:id': async (f, ctx) => ({
      method: 'PATCH',
      url: `/api/v1/visit-rules/${await ruleIn(f, ctx)}`,
      body: { active: false },
    }),
    'GET /api/v1/visit-assignments': (f) => ({
      method: 'GET',
      url: `/api/v1/visit-assignments?regionId=${f.community.id}`,
    }),
    'POST /api/v1/visit-assignments': async (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/visit-assignments',
      body: {
        userId: await workerOf(f, ctx),
        subjectType: 'household',
        subjectId: await addHousehold(ctx.t, f.grid),
      },
    }),
    'DELETE /api/v1/visit-assignments/:id': async (f, ctx) => {
      const id = uuidv7();
      await ctx.t.database.db
        .insertInto('visit_assignment')
        .values({
          district_code: districtOf(f),
          id,
          user_id: await workerOf(f, ctx),
          subject_type: 'household',
          subject_id: await addHousehold(ctx.t, f.grid),
          region_path: f.grid.path,
          created_by: ctx.userId('leader'),
        })
        .execute();
      return { method: 'DELETE', url: `/api/v1/visit-assignments/${id}` };
    },
    'GET /api/v1/visit-teams': (f) => ({
      method: 'GET',
      url: `/api/v1/visit-teams?regionId=${f.community.id}`,
    }),
    'PUT /api/v1/visit-teams/:gridId': async (f, ctx) => ({
      method: 'PUT',
      url: `/api/v1/visit-teams/${f.grid.id}`,
      body: {
        name: `矩阵分队${ctx.unique()}`,
        members: [{ userId: await workerOf(f, ctx), role: 'worker' }],
      },
    }),
    'GET /api/v1/visit-settings': () => ({ method: 'GET', url: '/api/v1/visit-settings', unscoped: true }),
    // The night window classes every street's visits: only visits:plan for the whole district
    // saves it, and the matrix's planners hold it for a street alone (403).
    'PUT /api/v1/visit-settings': () => ({
      method: 'PUT',
      url: '/api/v1/visit-settings',
      body: { nightFrom: '18:00', nightTo: '07:00', farMetres: 300 },
      unscoped: true,
      allowedFor: [],
    }),
  },
};

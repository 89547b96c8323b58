import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';

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

/** Coverage, unvisited lists, quota progress and the visit-day list: visits:read, by place. */
export const coverageRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/coverage': (f) => ({
      method: 'GET',
      url: `/api/v1/coverage?regionId=${f.community.id}&period=quarter`,
    }),
    // An unvisited household is named only to those who may read households: the liaison, who
    // reads a household only once it has visited it, is refused the list.
    'GET /api/v1/coverage/unvisited': (f) => ({
      method: 'GET',
      url: `/api/v1/coverage/unvisited?regionId=${f.community.id}&target=household&limit=5`,
      allowedFor: ['leader', 'dispatcher', 'worker1', 'worker2', 'supervisor'],
    }),
    // The figures need cases:read and visits:read both: a department handler has only the first.
    'GET /api/v1/figures': (f) => ({
      method: 'GET',
      url: `/api/v1/figures?regionId=${f.community.id}&period=month`,
    }),
    'GET /api/v1/figures/breakdown': (f) => ({
      method: 'GET',
      url: `/api/v1/figures/breakdown?regionId=${f.community.id}&period=month&by=place`,
    }),
    // Every district's totals: for the provincial leader only, whatever the place.
    'GET /api/v1/figures/province': () => ({
      method: 'GET',
      url: '/api/v1/figures/province?period=month',
      unscoped: true,
    }),
    'GET /api/v1/coverage/quota': (f) => ({
      method: 'GET',
      url: `/api/v1/coverage/quota?regionId=${f.community.id}`,
    }),
    // Another worker's list: only where the caller's scope reaches that worker.
    'GET /api/v1/visit-days/next': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/visit-days/next?userId=${await workerOf(f, ctx)}&limit=5`,
    }),
  },
};

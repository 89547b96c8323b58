import { v7 as uuidv7 } from 'uuid';
import { insertVisits } from '../../spot-checks/visit-rows.ts';
import type { RecipeContext, RecipeModule } from './recipe.ts';

const period = { from: '2026-03-01', to: '2026-03-31' };

/** A spot check of the fixture's community with one sampled visit, written straight into the tables. */
async function drawnCheck(communityId: string, gridPath: string, ctx: RecipeContext) {
  const [visitId] = await insertVisits(ctx.t, {
    gridPath,
    visitorIds: [ctx.userId('worker1')],
    startedAt: new Date('2026-03-15T10:00:00+08:00'),
    count: 1,
  });
  const db = ctx.t.database.db;
  const region = await db
    .selectFrom('region')
    .select(['district_code', 'path'])
    .where('id', '=', communityId)
    .executeTakeFirstOrThrow();
  const id = uuidv7();
  await db
    .insertInto('spot_check')
    .values({
      district_code: region.district_code,
      id,
      region_id: communityId,
      region_path: region.path,
      period_from: period.from,
      period_to: period.to,
      percent: 100,
      seed: ctx.unique() + 1,
      created_by: ctx.userId('leader'),
    })
    .execute();
  await db
    .insertInto('spot_check_item')
    .values({ district_code: region.district_code, spot_check_id: id, visit_id: visitId as string })
    .execute();
  return { id, visitId: visitId as string };
}

/** Spot checks: drawn, listed, read and verified in the fixture's community. */
export const spotChecksRecipes: RecipeModule = {
  recipes: {
    'POST /api/v1/spot-checks': (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/spot-checks',
      body: { regionId: f.community.id, ...period, percent: 10, seed: ctx.unique() },
    }),
    'GET /api/v1/spot-checks': (f) => ({
      method: 'GET',
      url: `/api/v1/spot-checks?regionId=${f.community.id}`,
    }),
    'GET /api/v1/spot-checks/figures': (f) => ({
      method: 'GET',
      url: `/api/v1/spot-checks/figures?regionId=${f.community.id}&from=${period.from}&to=${period.to}`,
    }),
    'GET /api/v1/spot-checks/:id': async (f, ctx) => {
      const { id } = await drawnCheck(f.community.id, f.grid.path, ctx);
      return { method: 'GET', url: `/api/v1/spot-checks/${id}` };
    },
    'POST /api/v1/spot-checks/:id/items/:visitId': async (f, ctx) => {
      const { id, visitId } = await drawnCheck(f.community.id, f.grid.path, ctx);
      return {
        method: 'POST',
        url: `/api/v1/spot-checks/${id}/items/${visitId}`,
        body: { result: 'confirmed', note: '电话回访属实' },
      };
    },
  },
};

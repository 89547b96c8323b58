import { v7 as uuidv7 } from 'uuid';
import { newApiKey } from '../../../src/server/modules/open311/api-keys.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';

/** A fresh client to revoke (each call revokes its own). */
async function freshClient(f: Fixture, ctx: RecipeContext): Promise<string> {
  const districtCode = f.community.path.slice(0, 6);
  const id = uuidv7();
  await ctx.t.database.db
    .insertInto('open311_client')
    .values({
      district_code: districtCode,
      id,
      name: `矩阵客户端 ${ctx.unique()}`,
      key_hash: newApiKey(districtCode).hash,
      created_at: new Date(),
      created_by: ctx.userId('sysadmin'),
    })
    .execute();
  return id;
}

/** The Open311 API clients (issue 15 §3): the system administrator's, district-wide. */
export const open311Recipes: RecipeModule = {
  districtWide: ['system:admin'],
  recipes: {
    'GET /api/v1/admin/open311-clients': () => ({ method: 'GET', url: '/api/v1/admin/open311-clients' }),
    'POST /api/v1/admin/open311-clients': (_f, ctx) => ({
      method: 'POST',
      url: '/api/v1/admin/open311-clients',
      body: { name: `矩阵 ${ctx.unique()}` },
    }),
    'POST /api/v1/admin/open311-clients/:id/revoke': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/admin/open311-clients/${await freshClient(f, ctx)}/revoke`,
      body: {},
    }),
  },
};

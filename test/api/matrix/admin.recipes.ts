import { v7 as uuidv7 } from 'uuid';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';

/** A fresh active account to reset (a reset of a deactivated or of one's own account is refused). */
async function freshAccount(f: Fixture, ctx: RecipeContext): Promise<string> {
  const id = uuidv7();
  await ctx.t.database.db
    .insertInto('app_user')
    .values({
      district_code: f.community.path.slice(0, 6),
      id,
      username: `reset.${ctx.unique()}`,
      display_name: '重置测试',
      password_hash: 'not-a-real-hash',
    })
    .execute();
  return id;
}

/** Administration routes beyond the core accounts and audit ones (district-wide: see core). */
export const adminRecipes: RecipeModule = {
  recipes: {
    'POST /api/v1/users/:id/reset-password': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/users/${await freshAccount(f, ctx)}/reset-password`,
      body: {},
    }),
    'POST /api/v1/users/:id/reset-totp': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/users/${await freshAccount(f, ctx)}/reset-totp`,
      body: {},
    }),
    'GET /api/v1/audit/actions': () => ({ method: 'GET', url: '/api/v1/audit/actions' }),
    'GET /api/v1/audit/verify': () => ({ method: 'GET', url: '/api/v1/audit/verify' }),
  },
};

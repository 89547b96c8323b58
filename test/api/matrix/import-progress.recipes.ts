import { v7 as uuidv7 } from 'uuid';
import type { RecipeModule } from './recipe.ts';
import { districtOf } from './transfer.recipes.ts';

/** A web import's progress: reserving a run and its event stream (data:import, district-wide). */
export const importProgressRecipes: RecipeModule = {
  districtWide: ['data:import'],
  recipes: {
    'POST /api/v1/imports/:kind/runs': () => ({
      method: 'POST',
      url: '/api/v1/imports/households/runs',
      body: {},
    }),
    // A finished run: its stream sends the one event and ends.
    'GET /api/v1/imports/:id/progress': async (f, ctx) => {
      const id = uuidv7();
      await ctx.t.database.db
        .insertInto('import_progress')
        .values({
          district_code: await districtOf(f, ctx),
          id,
          kind: 'households',
          created_by: ctx.userId('sysadmin'),
          state: 'done',
          done: 1,
          total: 1,
        })
        .execute();
      return { method: 'GET', url: `/api/v1/imports/${id}/progress` };
    },
  },
};

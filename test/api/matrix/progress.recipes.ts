import { v7 as uuidv7 } from 'uuid';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';
import { districtOf } from './transfer.recipes.ts';

/** A finished run of the caller's: its stream sends the one event and ends. */
async function finishedRun(f: Fixture, ctx: RecipeContext, operation: 'import' | 'export'): Promise<string> {
  const id = uuidv7();
  await ctx.t.database.db
    .insertInto('operation_progress')
    .values({
      district_code: await districtOf(f, ctx),
      id,
      operation,
      kind: 'households',
      created_by: ctx.userId(ctx.caller ?? 'sysadmin'),
      state: 'done',
      done: 1,
      total: 1,
    })
    .execute();
  return id;
}

/**
 * The progress of imports and exports: reserving a run and its event stream. Imports' are
 * data:import (district-wide); any signed-in user reserves and follows their own export runs.
 */
export const progressRecipes: RecipeModule = {
  districtWide: ['data:import'],
  recipes: {
    'POST /api/v1/imports/:kind/runs': () => ({
      method: 'POST',
      url: '/api/v1/imports/households/runs',
      body: {},
    }),
    'GET /api/v1/imports/:id/progress': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/imports/${await finishedRun(f, ctx, 'import')}/progress`,
    }),
    'POST /api/v1/exports/runs': () => ({ method: 'POST', url: '/api/v1/exports/runs', body: {} }),
    'GET /api/v1/exports/:id/progress': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/exports/${await finishedRun(f, ctx, 'export')}/progress`,
    }),
  },
};

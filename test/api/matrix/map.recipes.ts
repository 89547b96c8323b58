import type { RecipeModule } from './recipe.ts';

/**
 * The grid map: read with the figures' scope (cases:read and visits:read at the place), boundaries
 * imported with regions:write below a region in scope. The import is a dry run here: it answers
 * the report and writes nothing, so every account and fixture sees the same grids.
 */
export const mapRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/map/grids': (f) => ({
      method: 'GET',
      url: `/api/v1/map/grids?regionId=${f.community.id}&period=month`,
    }),
    'POST /api/v1/map/boundaries/import': (f) => ({
      method: 'POST',
      url: '/api/v1/map/boundaries/import',
      body: {
        regionId: f.community.id,
        dryRun: true,
        collection: { type: 'FeatureCollection', features: [] },
      },
    }),
  },
};

import type { RecipeModule } from './recipe.ts';

/**
 * The list exports (issue 13 §4): the case list and the visit diary as XLSX, with each list's
 * permission, scope and region filter.
 */
export const listExportsRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/cases/export': (f) => ({
      method: 'GET',
      url: `/api/v1/cases/export?regionId=${f.community.id}`,
      namesRegion: true,
    }),
    'GET /api/v1/visits/export': (f) => ({
      method: 'GET',
      url: `/api/v1/visits/export?regionId=${f.community.id}`,
    }),
  },
};

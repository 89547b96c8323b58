import type { RecipeModule } from './recipe.ts';

/** The home pages' counts: the caller's own, in their case scope; no object to aim at. */
export const homeRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/home/counts': () => ({ method: 'GET', url: '/api/v1/home/counts', unscoped: true }),
  },
};

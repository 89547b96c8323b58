import type { RecipeModule } from './recipe.ts';

/**
 * The field app's directory: searches and the browse list what the caller reaches (no object, so
 * no 404 by scope); a grid's kept directory is found only within the caller's visiting reach.
 */
export const fieldDirectoryRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/field/households': () => ({
      method: 'GET',
      url: '/api/v1/field/households?q=1&limit=5',
      unscoped: true,
    }),
    'GET /api/v1/field/places': () => ({ method: 'GET', url: '/api/v1/field/places', unscoped: true }),
    'GET /api/v1/field/enterprises': () => ({
      method: 'GET',
      url: '/api/v1/field/enterprises?limit=5',
      unscoped: true,
    }),
    'GET /api/v1/field/grids': () => ({ method: 'GET', url: '/api/v1/field/grids', unscoped: true }),
    'GET /api/v1/field/grids/:id/directory': (f) => ({
      method: 'GET',
      url: `/api/v1/field/grids/${f.grid.id}/directory`,
    }),
  },
};

import type { RecipeModule } from './recipe.ts';

/**
 * The district's assessment rules: read by every figures reader wherever their places lie (the
 * rules are the district's, not a place's: unscoped); changed only with figures:publish for the
 * whole district — the matrix's street leader holds it for a street alone, so gets 403.
 */
export const assessmentRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/figures/rules': () => ({ method: 'GET', url: '/api/v1/figures/rules', unscoped: true }),
    'PUT /api/v1/figures/rules': () => ({
      method: 'PUT',
      url: '/api/v1/figures/rules',
      body: { monthStartDay: 1, basicallySatisfiedWeight: 1, ratings: 'all' },
      unscoped: true,
      allowedFor: [],
    }),
  },
};

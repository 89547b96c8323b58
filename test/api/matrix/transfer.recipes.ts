import type { RecipeModule } from './recipe.ts';

/** Imports, exports and export approvals. */
export const transferRecipes: RecipeModule = {
  recipes: {},
};

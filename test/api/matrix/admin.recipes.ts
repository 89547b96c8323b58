import type { RecipeModule } from './recipe.ts';

/** Administration routes beyond the core accounts and audit ones. */
export const adminRecipes: RecipeModule = {
  recipes: {},
};

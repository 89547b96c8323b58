import type { RecipeModule } from './recipe.ts';

/** Hierarchy editing, departments and case categories. */
export const orgRecipes: RecipeModule = {
  recipes: {},
};

import type { RecipeModule } from './recipe.ts';

/** Enterprise writes and liaison assignment. */
export const enterprisesRecipes: RecipeModule = {
  recipes: {},
};

import type { RecipeModule } from './recipe.ts';

/** Household and member writes, tag lists, key households. */
export const recordsRecipes: RecipeModule = {
  recipes: {},
};

import type { RecipeModule } from './recipe.ts';

export const spotChecksRecipes: RecipeModule = { recipes: {} };

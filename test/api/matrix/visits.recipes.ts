import type { RecipeModule } from './recipe.ts';

export const visitsRecipes: RecipeModule = { recipes: {} };

import type { RecipeModule } from './recipe.ts';

export const coverageRecipes: RecipeModule = { recipes: {} };

import type { RecipeModule } from './recipe.ts';

export const casesRecipes: RecipeModule = { recipes: {} };

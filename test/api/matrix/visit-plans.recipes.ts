import type { RecipeModule } from './recipe.ts';

export const visitPlansRecipes: RecipeModule = { recipes: {} };

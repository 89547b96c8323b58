import type { RecipeModule } from './recipe.ts';

export const mentoringRecipes: RecipeModule = { recipes: {} };

import type { RecipeModule } from './recipe.ts';

export const caseInsightsRecipes: RecipeModule = { recipes: {} };

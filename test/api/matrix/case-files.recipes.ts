import type { RecipeModule } from './recipe.ts';

export const caseFilesRecipes: RecipeModule = { recipes: {} };

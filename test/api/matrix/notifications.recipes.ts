import type { RecipeModule } from './recipe.ts';

export const notificationsRecipes: RecipeModule = { recipes: {} };

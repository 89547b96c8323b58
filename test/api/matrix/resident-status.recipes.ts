import { freshCase } from './case-files.recipes.ts';
import type { RecipeModule } from './recipe.ts';

/**
 * A case's resident status links (issue 15 §2): any reader of the case sees how many work; its
 * first responder (the community's grid worker who recorded it) and the street's dispatcher may
 * revoke them or issue a new one — whoever may send the resident a progress notice.
 */
const MANAGERS = ['dispatcher', 'worker1', 'worker2'] as const;

export const residentStatusRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/cases/:id/status-links': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/cases/${(await freshCase(f, ctx)).id}/status-links`,
    }),
    'POST /api/v1/cases/:id/status-links/revoke': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/cases/${(await freshCase(f, ctx)).id}/status-links/revoke`,
      allowedFor: MANAGERS,
    }),
    'POST /api/v1/cases/:id/status-links': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/cases/${(await freshCase(f, ctx)).id}/status-links`,
      allowedFor: MANAGERS,
    }),
  },
};

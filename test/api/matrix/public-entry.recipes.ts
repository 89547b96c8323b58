import type { RecipeModule } from './recipe.ts';

/** The public form's district settings and entry links (issue 15 §5): org:write, district-wide. */
export const publicEntryRecipes: RecipeModule = {
  districtWide: ['org:write'],
  recipes: {
    'GET /api/v1/public-intake/settings': () => ({ method: 'GET', url: '/api/v1/public-intake/settings' }),
    // Switching it off keeps every other test's public reports free of SMS codes.
    'PUT /api/v1/public-intake/settings': () => ({
      method: 'PUT',
      url: '/api/v1/public-intake/settings',
      body: { phoneVerification: false },
    }),
    'POST /api/v1/public-intake/entry-links': () => ({
      method: 'POST',
      url: '/api/v1/public-intake/entry-links',
      body: { channel: 'wechat', path: '/report/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' },
    }),
  },
};

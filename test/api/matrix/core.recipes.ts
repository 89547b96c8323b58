import type { RecipeModule } from './recipe.ts';

/** Accounts, audit, sign-in state, the hierarchy read API, households and enterprises (read). */
let throwawayUser = '';
export const setThrowawayUser = (id: string) => {
  throwawayUser = id;
};

export const coreRecipes: RecipeModule = {
  districtWide: ['audit:read', 'users:read', 'users:write'],
  recipes: {
    'GET /api/v1/users': () => ({ method: 'GET', url: '/api/v1/users' }),
    'POST /api/v1/users': (_f, ctx) => ({
      method: 'POST',
      url: '/api/v1/users',
      body: {
        username: `matrix.${ctx.unique()}`,
        displayName: '矩阵测试',
        grants: [{ role: 'cadre', scopeRegionId: null }],
      },
    }),
    'PUT /api/v1/users/:id/grants': () => ({
      method: 'PUT',
      url: `/api/v1/users/${throwawayUser}/grants`,
      body: { grants: [{ role: 'dispatcher', scopeRegionId: null }] },
    }),
    'POST /api/v1/users/:id/deactivate': () => ({
      method: 'POST',
      url: `/api/v1/users/${throwawayUser}/deactivate`,
      body: {},
    }),
    'GET /api/v1/audit': () => ({ method: 'GET', url: '/api/v1/audit?limit=5' }),
    'GET /api/v1/auth/me': () => ({ method: 'GET', url: '/api/v1/auth/me' }),
    'GET /api/v1/regions': (f) => ({ method: 'GET', url: `/api/v1/regions?parentId=${f.community.id}` }),
    'GET /api/v1/households': (f) => ({
      method: 'GET',
      url: `/api/v1/households?regionId=${f.community.id}`,
    }),
    'GET /api/v1/households/:id': (f) => ({ method: 'GET', url: `/api/v1/households/${f.household}` }),
    'POST /api/v1/households/:id/members/:memberId/unmask': (f) => ({
      method: 'POST',
      url: `/api/v1/households/${f.household}/members/${f.member}/unmask`,
      body: { field: 'id_number', reason: '入户走访核实' },
    }),
    'GET /api/v1/enterprises': (f) => ({
      method: 'GET',
      url: `/api/v1/enterprises?regionId=${f.community.id}`,
    }),
    'GET /api/v1/enterprises/:id': (f) => ({ method: 'GET', url: `/api/v1/enterprises/${f.enterprise}` }),
    'POST /api/v1/enterprises/:id/unmask': (f) => ({
      method: 'POST',
      url: `/api/v1/enterprises/${f.enterprise}/unmask`,
      body: { field: 'contact_phone', reason: '入户走访核实' },
    }),
  },
};

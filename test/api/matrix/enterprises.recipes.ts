import { addEnterprises, uniqueCreditCode } from '../../support/enterprises.ts';
import type { RecipeModule } from './recipe.ts';

/** Enterprise writes and liaison assignment. */
export const enterprisesRecipes: RecipeModule = {
  recipes: {
    'POST /api/v1/enterprises': (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/enterprises',
      body: {
        gridId: f.grid.id,
        name: `杭州矩阵${ctx.unique()}号科技有限公司`,
        creditCode: uniqueCreditCode(),
        address: '矩阵路1号',
        tags: ['专精特新'],
        contactName: '矩阵',
        contactPhone: '13900001111',
      },
    }),
    'PATCH /api/v1/enterprises/:id': (f, ctx) => ({
      method: 'PATCH',
      url: `/api/v1/enterprises/${f.enterprise}`,
      body: { address: `矩阵路${ctx.unique()}号` },
    }),
    // Removing is final, so every call removes an enterprise of its own.
    'POST /api/v1/enterprises/:id/remove': async (f, ctx) => {
      const [id] = await addEnterprises(ctx.t, f.community.path, 1);
      return { method: 'POST', url: `/api/v1/enterprises/${id}/remove`, body: { reason: '企业已注销' } };
    },
    'PUT /api/v1/enterprises/:id/liaison': (f, ctx) => ({
      method: 'PUT',
      url: `/api/v1/enterprises/${f.enterprise}/liaison`,
      body: { userId: ctx.userId('liaison') },
    }),
    'GET /api/v1/enterprises/:id/liaison-candidates': (f) => ({
      method: 'GET',
      url: `/api/v1/enterprises/${f.enterprise}/liaison-candidates`,
    }),
  },
};

import type { RecipeModule } from './recipe.ts';

/**
 * The 12345 hotline page (issue 15 §4): dispatchers import the platform's file and list the orders.
 * The file is the district's, so the import reaches no place by scope (its cases are routed by
 * their addresses); the list answers every dispatcher and shows only the orders whose cases lie in
 * their scope. The platform's push is public (signed), outside the matrix.
 */
export const hotlineRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/hotline/orders': () => ({ method: 'GET', url: '/api/v1/hotline/orders', unscoped: true }),
    // The body is a string: sent without a content type, the upload reads it by its bytes (CSV).
    'POST /api/v1/hotline/imports': (_f, ctx) => ({
      method: 'POST',
      url: '/api/v1/hotline/imports',
      body: `工单编号,来电时间,诉求内容\nMATRIX-${ctx.unique()},2026-12-01 09:00,矩阵测试工单\n`,
      unscoped: true,
    }),
  },
};

import { caseIn } from './cases.recipes.ts';
import type { RecipeModule } from './recipe.ts';

/**
 * A case's context and calling its reporter back. The phone is revealed to those who must call
 * (the fixture's worker, first responder of its cases) and to pii:unmask over the place (the leader).
 */
export const caseContextRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/cases/:id/context': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/cases/${await caseIn(f, ctx, 'accepted')}/context`,
    }),
    'POST /api/v1/cases/:id/reporter-phone': async (f, ctx) => {
      const phone = ctx.t.app.ctx.cipher.encrypt('13800138000');
      const id = await caseIn(f, ctx, 'accepted', { reporter_type: 'resident', reporter_phone_enc: phone });
      return {
        method: 'POST',
        url: `/api/v1/cases/${id}/reporter-phone`,
        body: { reason: '入户走访核实' },
        allowedFor: ['worker1', 'worker2', 'leader'],
      };
    },
  },
};

import { caseIn } from './cases.recipes.ts';
import type { RecipeModule } from './recipe.ts';
import { visitWithPhoto } from './visits.recipes.ts';

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
    // Every reader of the case in scope reads the visit there too; the handler reaches no case of
    // the place (test/cases/case-context.test.ts has the handling unit's own case).
    'GET /api/v1/cases/:id/visit-photos/:photoId': async (f, ctx) => {
      const { visitId, photoId } = await visitWithPhoto(f, ctx);
      const id = await caseIn(f, ctx, 'accepted', { source_visit_id: visitId });
      return { method: 'GET', url: `/api/v1/cases/${id}/visit-photos/${photoId}` };
    },
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

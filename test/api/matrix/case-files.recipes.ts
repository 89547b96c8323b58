import { actorOf } from '../../../src/server/modules/audit/audit.ts';
import { addAttachment } from '../../../src/server/modules/cases/attachments/add-attachment.ts';
import { createAttachmentStore } from '../../../src/server/modules/cases/attachments/attachment-store.ts';
import { newCase, principalOf } from '../../attachments/cases.ts';
import { PDF } from '../../attachments/images.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';

/** The grid worker of the fixture's community (worker1 for fixture a, worker2 for b). */
async function workerOf(f: Fixture, ctx: RecipeContext): Promise<string> {
  const row = await ctx.t.database.db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', (j) =>
      j.onRef('u.district_code', '=', 'g.district_code').onRef('u.id', '=', 'g.user_id'),
    )
    .select('u.username')
    .where('g.role', '=', 'grid_worker')
    .where('g.scope_region_id', '=', f.community.id)
    .orderBy('u.username')
    .executeTakeFirstOrThrow();
  return row.username;
}

/**
 * A fresh open case in the fixture's grid, recorded by the community's grid worker: the worker (its
 * first responder) and the street's dispatcher (who may accept it) may act on it.
 */
export async function freshCase(f: Fixture, ctx: RecipeContext) {
  const { db } = ctx.t.database;
  return newCase(db, ctx.t.app.ctx.cipher, await workerOf(f, ctx), f.grid.id, `矩阵测试事项 ${ctx.unique()}`);
}

/** Case attachments: upload (cases:read and something to do on the case) and download (cases:read). */
export const caseFilesRecipes: RecipeModule = {
  recipes: {
    // A Buffer body is sent without a content type: the upload decides the type by the bytes.
    'POST /api/v1/cases/:id/attachments': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/cases/${(await freshCase(f, ctx)).id}/attachments?name=matrix.pdf`,
      body: PDF,
      // The case's first responder and the street's dispatcher; the leader only reads cases.
      allowedFor: ['dispatcher', 'worker1', 'worker2'],
    }),
    'GET /api/v1/cases/:id/attachments/:attachmentId': async (f, ctx) => {
      const c = await freshCase(f, ctx);
      const { db } = ctx.t.database;
      const principal = await principalOf(db, await workerOf(f, ctx));
      const added = await addAttachment(
        {
          db,
          principal,
          actor: actorOf(principal, null),
          now: new Date(),
          store: createAttachmentStore(ctx.t.app.ctx.config.cases.attachmentDir),
        },
        { caseId: c.id, fileName: 'matrix.pdf', body: PDF },
      );
      return { method: 'GET', url: `/api/v1/cases/${c.id}/attachments/${added.id}` };
    },
  },
};

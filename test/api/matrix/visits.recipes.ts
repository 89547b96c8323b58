import { actorOf } from '../../../src/server/modules/audit/audit.ts';
import { createAttachmentStore } from '../../../src/server/modules/cases/attachments/attachment-store.ts';
import { addVisitPhoto } from '../../../src/server/modules/visits/add-visit-photo.ts';
import { recordVisit } from '../../../src/server/modules/visits/record-visit.ts';
import { createVisitSchema } from '../../../src/shared/domain/visit.ts';
import { principalOf } from '../../attachments/cases.ts';
import { PNG } from '../../attachments/images.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';

/** A visit body for the fixture's household, a little after the last one. */
const visitBody = (f: Fixture, ctx: RecipeContext) => ({
  form: 'routine',
  target: { type: 'household', householdId: f.household },
  // A second apart: the whole matrix's recipes share the counter, and a minute each outgrew the day.
  startedAt: new Date(Date.UTC(2026, 2, 1, 2, 0, ctx.unique())).toISOString(),
  endedAt: new Date(Date.UTC(2026, 2, 1, 23, 0)).toISOString(),
  notes: '矩阵测试走访',
});

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

/** A fresh visit to the fixture's household, recorded by the community's grid worker. */
async function freshVisit(f: Fixture, ctx: RecipeContext) {
  const { db } = ctx.t.database;
  const principal = await principalOf(db, await workerOf(f, ctx));
  const context = {
    db,
    principal,
    actor: actorOf(principal, null),
    now: new Date(),
    cipher: ctx.t.app.ctx.cipher,
    visitDefaults: ctx.t.app.ctx.config.visits,
  };
  const visit = await recordVisit(context, createVisitSchema.parse(visitBody(f, ctx)));
  return { visit, context };
}

/** A fresh visit of the fixture's household with one photo. */
export async function visitWithPhoto(f: Fixture, ctx: RecipeContext) {
  const { visit, context } = await freshVisit(f, ctx);
  const added = await addVisitPhoto(
    {
      ...context,
      store: createAttachmentStore(ctx.t.app.ctx.config.cases.attachmentDir),
      idempotencyDays: 1,
    },
    { visitId: visit.id, fileName: 'matrix.png', body: PNG, key: undefined },
  );
  return { visitId: visit.id, photoId: added.body.id };
}

/**
 * The visit diary: recording (visits:write), the field sync (visits:write; per-visit statuses in a
 * 200, so not refused by place as a whole), reading (visits:read), photos (visits:write) and
 * comments (visits:read, then a visitor's mentor or visits:check in scope: the leader and supervisor here).
 */
export const visitsRecipes: RecipeModule = {
  recipes: {
    'POST /api/v1/visits': (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/visits',
      body: visitBody(f, ctx),
      headers: { 'idempotency-key': `matrix-visit-${ctx.unique()}` },
    }),
    'POST /api/v1/visits/sync': (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/visits/sync',
      body: { visits: [{ clientId: `matrix-sync-${ctx.unique()}`, visit: visitBody(f, ctx) }] },
      unscoped: true,
    }),
    'GET /api/v1/visits': (f) => ({ method: 'GET', url: `/api/v1/visits?regionId=${f.community.id}` }),
    'GET /api/v1/visits/:id': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/visits/${(await freshVisit(f, ctx)).visit.id}`,
    }),
    // A Buffer body is sent without a content type: the upload decides the type by the bytes.
    'POST /api/v1/visits/:id/photos': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/visits/${(await freshVisit(f, ctx)).visit.id}/photos?name=matrix.png`,
      body: PNG,
      headers: { 'idempotency-key': `matrix-photo-${ctx.unique()}` },
    }),
    'GET /api/v1/visits/:id/photos/:photoId': async (f, ctx) => {
      const { visitId, photoId } = await visitWithPhoto(f, ctx);
      return { method: 'GET', url: `/api/v1/visits/${visitId}/photos/${photoId}` };
    },
    'POST /api/v1/visits/:id/comments': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/visits/${(await freshVisit(f, ctx)).visit.id}/comments`,
      body: { body: '矩阵测试点评' },
      allowedFor: ['leader', 'supervisor'],
    }),
  },
};

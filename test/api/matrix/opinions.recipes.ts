import { actorOf } from '../../../src/server/modules/audit/audit.ts';
import { recordVisit } from '../../../src/server/modules/visits/record-visit.ts';
import { createVisitSchema } from '../../../src/shared/domain/visit.ts';
import { principalOf } from '../../attachments/cases.ts';
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

/** A fresh opinion heard on a visit to the fixture's household, recorded by its grid worker. */
async function freshOpinion(f: Fixture, ctx: RecipeContext): Promise<string> {
  const { db } = ctx.t.database;
  const principal = await principalOf(db, await workerOf(f, ctx));
  const n = ctx.unique();
  const visit = await recordVisit(
    {
      db,
      principal,
      actor: actorOf(principal, null),
      now: new Date(),
      cipher: ctx.t.app.ctx.cipher,
      visitDefaults: ctx.t.app.ctx.config.visits,
    },
    createVisitSchema.parse({
      form: 'routine',
      target: { type: 'household', householdId: f.household },
      startedAt: new Date(Date.UTC(2026, 2, 2, 2, n % 600)).toISOString(),
      endedAt: new Date(Date.UTC(2026, 2, 2, 23, 0)).toISOString(),
      notes: '矩阵测试走访',
      opinions: [{ text: `矩阵测试意见 ${n}` }],
    }),
  );
  const row = await db
    .selectFrom('opinion')
    .select('id')
    .where('district_code', '=', principal.districtCode)
    .where('visit_id', '=', visit.id)
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Opinions (意见建议): listed and exported with the diary's permission and scope (visits:read),
 * promoted to a case by whoever takes in cases (cases:create), each opinion once (a fresh one per
 * request).
 */
export const opinionsRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/opinions': (f) => ({ method: 'GET', url: `/api/v1/opinions?regionId=${f.community.id}` }),
    'GET /api/v1/opinions/export': (f) => ({
      method: 'GET',
      url: `/api/v1/opinions/export?regionId=${f.community.id}`,
    }),
    'POST /api/v1/opinions/:id/promote': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/opinions/${await freshOpinion(f, ctx)}/promote`,
    }),
  },
};

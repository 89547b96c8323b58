import { actorOf } from '../../../src/server/modules/audit/audit.ts';
import { createHardProblemItem } from '../../../src/server/modules/hard-problems/create-item.ts';
import { principalOf } from '../../attachments/cases.ts';
import { caseIn } from './cases.recipes.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';
import { streetOf } from './visit-plans.recipes.ts';

const item = (f: Fixture) => ({
  regionId: f.community.id,
  title: '矩阵测试攻坚项',
  owner: { kind: 'region' as const, id: f.community.id, person: '矩阵负责人' },
  plan: '矩阵测试方案',
  targetDate: '2099-12-31',
});

/** A fresh item on the fixture's community's list, owned by the community, put there by the street's leader. */
async function itemIn(f: Fixture, ctx: RecipeContext): Promise<string> {
  const { db } = ctx.t.database;
  const leader = await principalOf(db, 'leader');
  const created = await createHardProblemItem(db, leader, actorOf(leader, null), item(f), new Date());
  return created.id;
}

/** The same item with one case of the fixture's grid linked (for the unlink route). */
async function itemWithCase(f: Fixture, ctx: RecipeContext): Promise<{ id: string; caseId: string }> {
  const { db } = ctx.t.database;
  const caseId = await caseIn(f, ctx, 'dispatched');
  const leader = await principalOf(db, 'leader');
  const created = await createHardProblemItem(
    db,
    leader,
    actorOf(leader, null),
    { ...item(f), caseIds: [caseId] },
    new Date(),
  );
  return { id: created.id, caseId };
}

// A month of its own for each topic picked (one per place and month).
let months = 0;
const freshMonth = () => {
  const n = months++;
  return `${2300 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
};

/**
 * The hard-problem list (issue 14 §7): read where cases are read (a department names its node's
 * geography for proposals and lists, and reads an item only as its owner); written by the
 * leader who publishes figures for the place; progress by the owning community's own handlers.
 */
export const hardProblemsRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/hard-problems/proposals': (f) => ({
      method: 'GET',
      url: `/api/v1/hard-problems/proposals?regionId=${f.community.id}`,
      namesRegion: true,
    }),
    'GET /api/v1/hard-problems/topics/ranking': (f) => ({
      method: 'GET',
      url: `/api/v1/hard-problems/topics/ranking?regionId=${f.community.id}`,
      namesRegion: true,
    }),
    'POST /api/v1/hard-problems/topics': async (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/hard-problems/topics',
      body: {
        ...item(f),
        regionId: await streetOf(f, ctx),
        month: freshMonth(),
        categoryId: await categoryOf(ctx),
      },
    }),
    'GET /api/v1/hard-problems': (f) => ({
      method: 'GET',
      url: `/api/v1/hard-problems?regionId=${f.community.id}`,
      namesRegion: true,
    }),
    'POST /api/v1/hard-problems': (f) => ({ method: 'POST', url: '/api/v1/hard-problems', body: item(f) }),
    'GET /api/v1/hard-problems/:id': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/hard-problems/${await itemIn(f, ctx)}`,
    }),
    'PATCH /api/v1/hard-problems/:id': async (f, ctx) => ({
      method: 'PATCH',
      url: `/api/v1/hard-problems/${await itemIn(f, ctx)}`,
      body: { version: 1, plan: '修改后的方案' },
    }),
    // The owning community's own worker (the one in scope) and the leader; not the street's other readers.
    'POST /api/v1/hard-problems/:id/notes': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/hard-problems/${await itemIn(f, ctx)}/notes`,
      body: { text: '矩阵测试进展' },
      allowedFor: ['leader', 'worker1', 'worker2'],
    }),
    'POST /api/v1/hard-problems/:id/cases': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/hard-problems/${await itemIn(f, ctx)}/cases`,
      body: { caseIds: [await caseIn(f, ctx, 'dispatched')] },
    }),
    'DELETE /api/v1/hard-problems/:id/cases/:caseId': async (f, ctx) => {
      const { id, caseId } = await itemWithCase(f, ctx);
      return { method: 'DELETE', url: `/api/v1/hard-problems/${id}/cases/${caseId}` };
    },
    'POST /api/v1/hard-problems/:id/complete': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/hard-problems/${await itemIn(f, ctx)}/complete`,
      body: { version: 1, outcome: 'closed', result: '矩阵测试结果' },
    }),
  },
};

async function categoryOf(ctx: RecipeContext): Promise<string> {
  const row = await ctx.t.database.db
    .selectFrom('case_category')
    .select('id')
    .where('active', '=', true)
    .orderBy('path')
    .executeTakeFirstOrThrow();
  return row.id;
}

import { v7 as uuidv7 } from 'uuid';
import { cstDay } from '../../../src/shared/time/china-time.ts';
import { caseIn } from './cases.recipes.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';

const today = () => cstDay(new Date());

/** A fresh campaign of the fixture's community, running today. */
async function campaignIn(f: Fixture, ctx: RecipeContext): Promise<string> {
  const id = uuidv7();
  await ctx.t.database.db
    .insertInto('campaign')
    .values({
      district_code: f.community.path.slice(0, 6),
      id,
      name: `矩阵测试活动${ctx.unique()}`,
      region_id: f.community.id,
      from_day: today(),
      to_day: today(),
      created_by: ctx.userId('leader'),
    })
    .execute();
  return id;
}

/** A campaign with a case of the fixture's grid marked as its example. */
async function exampleIn(f: Fixture, ctx: RecipeContext): Promise<{ campaign: string; caseId: string }> {
  const campaign = await campaignIn(f, ctx);
  const caseId = await caseIn(f, ctx, 'accepted');
  await ctx.t.database.db
    .insertInto('campaign_example')
    .values({
      district_code: f.community.path.slice(0, 6),
      campaign_id: campaign,
      case_id: caseId,
      note: null,
      marked_by: ctx.userId('leader'),
      marked_at: new Date(),
    })
    .execute();
  return { campaign, caseId };
}

/**
 * Campaigns: read where cases and visits both are (visits:read, as the figures), planned by the
 * leader (visits:plan).
 */
export const campaignsRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/campaigns': (f) => ({ method: 'GET', url: `/api/v1/campaigns?regionId=${f.community.id}` }),
    'POST /api/v1/campaigns': (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/campaigns',
      body: { name: `矩阵活动${ctx.unique()}`, regionId: f.community.id, from: today(), to: today() },
    }),
    'GET /api/v1/campaigns/:id': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/campaigns/${await campaignIn(f, ctx)}`,
    }),
    'GET /api/v1/campaigns/:id/report.xlsx': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/campaigns/${await campaignIn(f, ctx)}/report.xlsx?lang=en`,
    }),
    'POST /api/v1/campaigns/:id/examples': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/campaigns/${await campaignIn(f, ctx)}/examples`,
      body: { caseRef: await caseIn(f, ctx, 'accepted'), note: '矩阵' },
    }),
    'DELETE /api/v1/campaigns/:id/examples/:caseId': async (f, ctx) => {
      const { campaign, caseId } = await exampleIn(f, ctx);
      return { method: 'DELETE', url: `/api/v1/campaigns/${campaign}/examples/${caseId}` };
    },
  },
};

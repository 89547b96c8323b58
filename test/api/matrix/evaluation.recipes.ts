import { actorOf } from '../../../src/server/modules/audit/audit.ts';
import { openEvaluationRound } from '../../../src/server/modules/evaluation/open-round.ts';
import { createUser } from '../../../src/server/modules/users/create-user.ts';
import { principalOf } from '../../attachments/cases.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';
import { streetOf } from './visit-plans.recipes.ts';

/** A fresh round of the fixture's street where communities rate their cadres, opened by its leader. */
async function openRound(f: Fixture, ctx: RecipeContext): Promise<string> {
  const { db } = ctx.t.database;
  const leader = await principalOf(db, 'leader');
  const round = await openEvaluationRound(
    db,
    leader,
    actorOf(leader, null),
    {
      regionId: await streetOf(f, ctx),
      kind: 'community_rates_cadres',
      title: `互评${ctx.unique()}`,
      from: '2026-01-01',
      to: '2026-03-31',
    },
    new Date(),
  );
  return round.id;
}

// One cadre sent down to each fixture's community (the small demo street has none).
const cadres = new Map<string, Promise<string>>();
function cadreOf(f: Fixture, ctx: RecipeContext): Promise<string> {
  const known = cadres.get(f.community.id);
  if (known) return known;
  const created = (async () => {
    const leader = await principalOf(ctx.t.database.db, 'leader');
    return createUser(ctx.t.database.db, {
      districtCode: leader.districtCode,
      username: `matrix.cadre.${ctx.unique()}`,
      displayName: '下沉干部',
      password: { hash: 'x' },
      mustChangePassword: false,
      grants: [{ role: 'cadre', scopeRegionId: f.community.id }],
      actor: { districtCode: leader.districtCode, username: 'cli', sourceIp: null },
    });
  })();
  cadres.set(f.community.id, created);
  return created;
}

/** The matrix's grid workers whose grant stands in the fixture's community: its raters. */
async function ratersOf(f: Fixture, ctx: RecipeContext): Promise<string[]> {
  const rows = await ctx.t.database.db
    .selectFrom('role_grant')
    .select('user_id')
    .where('scope_region_id', '=', f.community.id)
    .where('role', 'in', ['grid_worker', 'leader'])
    .execute();
  const ids = new Set(rows.map((r) => r.user_id));
  return ['worker1', 'worker2'].filter((u) => ids.has(ctx.userId(u)));
}

/**
 * Mutual evaluation (两评, issue 14 §4): a street's rounds are opened and closed by its leader, read
 * by every place of the street (both fixtures' communities lie in one street, so a round is
 * `unscoped` for its readers), and rated by a community's own people only.
 */
export const evaluationRecipes: RecipeModule = {
  recipes: {
    'POST /api/v1/evaluation-rounds': async (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/evaluation-rounds',
      body: {
        regionId: await streetOf(f, ctx),
        kind: 'community_rates_cadres',
        title: `互评${ctx.unique()}`,
        from: '2026-01-01',
        to: '2026-03-31',
      },
    }),
    'GET /api/v1/evaluation-rounds': (f) => ({
      method: 'GET',
      url: `/api/v1/evaluation-rounds?regionId=${f.community.id}`,
      namesRegion: true,
    }),
    'GET /api/v1/evaluation-rounds/:id': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/evaluation-rounds/${await openRound(f, ctx)}`,
      unscoped: true,
    }),
    // Only the community's own worker rates the cadre sent to it; everyone else reading the round is refused.
    'POST /api/v1/evaluation-rounds/:id/ratings': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/evaluation-rounds/${await openRound(f, ctx)}/ratings`,
      body: {
        raterUnit: `r:${f.community.id}`,
        subject: `u:${await cadreOf(f, ctx)}`,
        scores: { time_given: 4, visits_made: 5, problems_handled: 3 },
      },
      unscoped: true,
      allowedFor: await ratersOf(f, ctx),
    }),
    'POST /api/v1/evaluation-rounds/:id/close': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/evaluation-rounds/${await openRound(f, ctx)}/close`,
    }),
  },
};

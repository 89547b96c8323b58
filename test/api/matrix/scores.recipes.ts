import { actorOf } from '../../../src/server/modules/audit/audit.ts';
import { closeScorePeriod } from '../../../src/server/modules/scores/close-period.ts';
import { DEFAULT_SCORE_RULES } from '../../../src/shared/domain/score-rules.ts';
import { principalOf } from '../../attachments/cases.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';
import { streetOf } from './visit-plans.recipes.ts';

// A month's first day of its own for each write, from a counter of this file's (the run's shared
// `unique()` climbs past the last year a date may name).
let months = 0;
function freshMonth(): string {
  const n = months++;
  return `${2040 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}-01`;
}

// Each close needs an ended period of its own (once per place and period).
let pastMonths = 0;
function freshPastMonth(): string {
  const n = pastMonths++;
  return `${1960 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}-15`;
}

/** A fresh past month of the fixture's street, closed by the street's leader. */
async function closedPeriod(f: Fixture, ctx: RecipeContext): Promise<string> {
  const { db } = ctx.t.database;
  const leader = await principalOf(db, 'leader');
  const closed = await closeScorePeriod(
    db,
    leader,
    actorOf(leader, null),
    { regionId: await streetOf(f, ctx), period: 'month', at: freshPastMonth() },
    new Date(),
  );
  return closed.id;
}

/**
 * Scoring (issue 14): the rules of a place are read by whoever sees it (a department by its
 * node's geography); a version is written by a leader who publishes figures there.
 */
export const scoresRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/scores/rules': (f) => ({
      method: 'GET',
      url: `/api/v1/scores/rules?regionId=${f.community.id}`,
      namesRegion: true,
    }),
    'POST /api/v1/scores/rules': async (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/scores/rules',
      body: {
        regionId: await streetOf(f, ctx),
        effectiveFrom: freshMonth(),
        rules: DEFAULT_SCORE_RULES,
      },
    }),
    // A community's scores are its street's table: read by whoever reads cases and visits there.
    'GET /api/v1/scores': (f) => ({
      method: 'GET',
      url: `/api/v1/scores?regionId=${f.community.id}&period=month`,
    }),
    'GET /api/v1/scores/points': (f) => ({
      method: 'GET',
      url: `/api/v1/scores/points?regionId=${f.community.id}&subject=${f.community.id}`,
    }),
    // Closing a street's ended period: its leader; closed periods are read as published league tables are.
    'POST /api/v1/score-periods': async (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/score-periods',
      body: { regionId: await streetOf(f, ctx), period: 'month', at: freshPastMonth() },
    }),
    'GET /api/v1/score-periods': (f) => ({
      method: 'GET',
      url: `/api/v1/score-periods?regionId=${f.community.id}`,
      namesRegion: true,
    }),
    // A street's closed table is read by every place of the street, as its published league
    // tables are: both fixtures' communities lie in one street, so no reader in scope is refused it
    // (test/scores/scores.test.ts checks an unknown id is 404).
    'GET /api/v1/score-periods/:id': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/score-periods/${await closedPeriod(f, ctx)}`,
      unscoped: true,
    }),
    // Its points: a community reads its own, the street's readers every community's.
    'GET /api/v1/score-periods/:id/points': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/score-periods/${await closedPeriod(f, ctx)}/points?subject=${f.community.id}`,
      namesRegion: true,
    }),
    // Only a district-wide leader reopens: the street's leader, in scope, is refused.
    'POST /api/v1/score-periods/:id/reopen': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/score-periods/${await closedPeriod(f, ctx)}/reopen`,
      body: { reason: '复核后需更正' },
      allowedFor: [],
    }),
  },
};

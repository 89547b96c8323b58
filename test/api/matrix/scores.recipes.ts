import { DEFAULT_SCORE_RULES } from '../../../src/shared/domain/score-rules.ts';
import type { RecipeModule } from './recipe.ts';
import { streetOf } from './visit-plans.recipes.ts';

// A month's first day of its own for each write, from a counter of this file's (the run's shared
// `unique()` climbs past the last year a date may name).
let months = 0;
function freshMonth(): string {
  const n = months++;
  return `${2040 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}-01`;
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
  },
};

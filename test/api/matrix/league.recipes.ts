import { actorOf } from '../../../src/server/modules/audit/audit.ts';
import { publishLeague } from '../../../src/server/modules/league/publish-league.ts';
import { principalOf } from '../../attachments/cases.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';

// Each publication needs a period of its own (one table per place, period and subjects).
let months = 0;
function freshMonth(): string {
  const n = months++;
  return `${1950 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}-15`;
}

/** A table of the fixture's community, published by the street's leader for a fresh month. */
async function publishedTable(f: Fixture, ctx: RecipeContext): Promise<string> {
  const { db } = ctx.t.database;
  const leader = await principalOf(db, 'leader');
  const published = await publishLeague(
    db,
    leader,
    actorOf(leader, null),
    { regionId: f.community.id, period: 'month', at: freshMonth(), subjects: 'places' },
    new Date(),
  );
  return published.id;
}

/**
 * 数据晾晒 league tables: the live table with the figures' scope (cases and visits read in the
 * place), publishing by leaders only, and published tables read by every business role whose
 * places lie at, above or below the table's place — a department reads them by its node's
 * geography, as it names a region (namesRegion).
 */
export const leagueRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/league': (f) => ({ method: 'GET', url: `/api/v1/league?regionId=${f.community.id}` }),
    'POST /api/v1/league-tables': (f) => ({
      method: 'POST',
      url: '/api/v1/league-tables',
      body: { regionId: f.community.id, period: 'month', at: freshMonth(), subjects: 'places' },
    }),
    'GET /api/v1/league-tables': (f) => ({
      method: 'GET',
      url: `/api/v1/league-tables?regionId=${f.community.id}`,
      namesRegion: true,
    }),
    'GET /api/v1/league-tables/:id': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/league-tables/${await publishedTable(f, ctx)}`,
      namesRegion: true,
    }),
    'GET /api/v1/league-tables/:id/export': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/league-tables/${await publishedTable(f, ctx)}/export`,
      namesRegion: true,
    }),
  },
};

import { v7 as uuidv7 } from 'uuid';
import { actorOf } from '../../../src/server/modules/audit/audit.ts';
import { createFindings } from '../../../src/server/modules/findings/create-findings.ts';
import { approveScoreList } from '../../../src/server/modules/score-lists/approve-list.ts';
import { proposeScoreList } from '../../../src/server/modules/score-lists/propose-list.ts';
import { closeScorePeriod } from '../../../src/server/modules/scores/close-period.ts';
import { addDays, cstDay } from '../../../src/shared/time/china-time.ts';
import { principalOf } from '../../attachments/cases.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';
import { streetOf } from './visit-plans.recipes.ts';

// Each list needs a closed quarter of its own (one list of a kind per period): quarters of the
// 1980s and on, which no other recipe closes.
let quarters = 0;
function freshPastQuarter(): string {
  const n = quarters++;
  return `${1980 + Math.floor(n / 4)}-${String((n % 4) * 3 + 2).padStart(2, '0')}-15`;
}

/** A fresh closed quarter of the fixture's street, closed by the street's leader. */
async function closedQuarter(f: Fixture, ctx: RecipeContext): Promise<string> {
  const { db } = ctx.t.database;
  const leader = await principalOf(db, 'leader');
  const closed = await closeScorePeriod(
    db,
    leader,
    actorOf(leader, null),
    { regionId: await streetOf(f, ctx), period: 'quarter', at: freshPastQuarter() },
    new Date(),
  );
  return closed.id;
}

/** A draft praise list of a fresh closed quarter of the fixture's street. */
async function draftList(f: Fixture, ctx: RecipeContext): Promise<string> {
  const { db } = ctx.t.database;
  const leader = await principalOf(db, 'leader');
  const list = await proposeScoreList(
    db,
    leader,
    actorOf(leader, null),
    { periodId: await closedQuarter(f, ctx), kind: 'praise' },
    new Date(),
  );
  return list.id;
}

/** A published praise list of the fixture's street. */
async function publishedList(f: Fixture, ctx: RecipeContext): Promise<string> {
  const { db } = ctx.t.database;
  const leader = await principalOf(db, 'leader');
  const id = await draftList(f, ctx);
  await approveScoreList(db, leader, actorOf(leader, null), id, {}, new Date());
  return id;
}

// Closing a quarter is the costly part: an object only the leader's call uses up (a period to
// propose from, a draft to approve) is fresh for the leader, and one shared object serves every
// other caller, whom the route refuses before it touches the object.
const shared = new Map<string, Promise<string>>();
function once(key: string, make: () => Promise<string>): Promise<string> {
  let made = shared.get(key);
  if (!made) {
    made = make();
    shared.set(key, made);
  }
  return made;
}
const usesUp = (ctx: RecipeContext) => ctx.caller === 'leader';

/** A fresh finding naming the fixture's community, as a criticism list leaves it. */
async function findingOf(f: Fixture, ctx: RecipeContext): Promise<string> {
  const { db } = ctx.t.database;
  const community = await db
    .selectFrom('region')
    .select(['district_code', 'name'])
    .where('id', '=', f.community.id)
    .executeTakeFirstOrThrow();
  const [id] = await db.transaction().execute((tx) =>
    createFindings(tx, {
      districtCode: community.district_code,
      sourceKind: 'criticism_list',
      sourceId: uuidv7(),
      findings: [
        {
          subjectKey: f.community.id,
          subjectName: community.name,
          regionPath: f.community.path,
          text: '走访台账不全',
          dueOn: addDays(cstDay(new Date()), 7),
        },
      ],
      actorId: ctx.userId('leader'),
      now: new Date(),
    }),
  );
  return id as string;
}

/**
 * Praise and criticism lists and findings (issue 14 §2–§3). A street's lists are read by every
 * place of the street, as its closed score periods are; leaders who publish its figures propose,
 * edit and approve them. A finding is answered by the community it names — read, not answered,
 * by those above it.
 */
export const praiseListsRecipes: RecipeModule = {
  recipes: {
    // The caller's own findings: no object named.
    'GET /api/v1/findings': () => ({ method: 'GET', url: '/api/v1/findings', unscoped: true }),
    'POST /api/v1/findings/:id/rectification': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/findings/${await findingOf(f, ctx)}/rectification`,
      body: { note: '已补齐台账', rectifiedOn: cstDay(new Date()) },
      allowedFor: ['worker1', 'worker2'],
    }),
    'GET /api/v1/score-lists': (f) => ({
      method: 'GET',
      url: `/api/v1/score-lists?regionId=${f.community.id}`,
      namesRegion: true,
    }),
    'POST /api/v1/score-lists': async (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/score-lists',
      body: {
        periodId: usesUp(ctx)
          ? await closedQuarter(f, ctx)
          : await once('period', () => closedQuarter(f, ctx)),
        kind: 'criticism',
      },
      unscoped: true,
    }),
    'GET /api/v1/score-lists/:id': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/score-lists/${await once('published', () => publishedList(f, ctx))}`,
      unscoped: true,
    }),
    'PUT /api/v1/score-lists/:id/entries': async (f, ctx) => ({
      method: 'PUT',
      url: `/api/v1/score-lists/${await once('draft', () => draftList(f, ctx))}/entries`,
      body: { entries: [] },
      unscoped: true,
    }),
    'POST /api/v1/score-lists/:id/approve': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/score-lists/${usesUp(ctx) ? await draftList(f, ctx) : await once('draft', () => draftList(f, ctx))}/approve`,
      body: {},
      unscoped: true,
    }),
    'GET /api/v1/score-lists/:id/export': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/score-lists/${await once('published', () => publishedList(f, ctx))}/export`,
      unscoped: true,
    }),
  },
};

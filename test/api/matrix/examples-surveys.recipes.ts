import { v7 as uuidv7 } from 'uuid';
import { cstDay } from '../../../src/shared/time/china-time.ts';
import { caseIn } from './cases.recipes.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';

const today = () => cstDay(new Date());
const districtOf = (f: Fixture) => f.community.path.slice(0, 6);

/** A fresh write-up of a fresh closed case of the fixture's grid, in `state`. */
async function exampleIn(
  f: Fixture,
  ctx: RecipeContext,
  state: 'proposed' | 'published' = 'proposed',
): Promise<string> {
  const caseId = await caseIn(f, ctx, 'closed');
  const id = uuidv7();
  const now = new Date();
  await ctx.t.database.db
    .insertInto('example')
    .values({
      district_code: districtOf(f),
      id,
      subject_kind: 'case',
      subject_id: caseId,
      subject_day: today(),
      region_id: f.grid.id,
      region_path: f.grid.path,
      title: '矩阵测试案例',
      story: '矩阵测试用的案例正文',
      photos: '[]',
      state,
      place_name: state === 'published' ? '矩阵社区' : null,
      unit_name: null,
      proposed_by: ctx.userId('leader'),
      proposed_at: now,
      updated_at: now,
      published_by: state === 'published' ? ctx.userId('leader') : null,
      published_at: state === 'published' ? now : null,
      withdrawn_at: null,
      withdraw_reason: null,
    })
    .execute();
  return id;
}

const QUESTIONS = [
  { kind: 'rating', text: '环境' },
  { kind: 'rating', text: '服务' },
  { kind: 'choice', text: '改进', options: ['停车', '绿化'] },
];

/** A fresh survey of the fixture's community, open today. */
async function surveyIn(f: Fixture, ctx: RecipeContext): Promise<string> {
  const id = uuidv7();
  await ctx.t.database.db
    .insertInto('survey')
    .values({
      district_code: districtOf(f),
      id,
      region_id: f.community.id,
      region_path: f.community.path,
      title: `矩阵测评${ctx.unique()}`,
      questions: JSON.stringify(QUESTIONS),
      from_day: today(),
      to_day: today(),
      created_by: ctx.userId('leader'),
      created_at: new Date(),
    })
    .execute();
  return id;
}

/**
 * Examples (issue 14 §6): proposed, read and written by whoever reads the case (cases:read, by
 * place), published and withdrawn by a leader (figures:publish). Surveys (§5): created and their
 * invitations read by a leader, answered by visitors (visits:write), read by visits:read. The
 * public routes of both are outside the matrix (public, like the QR code report form).
 */
export const examplesSurveysRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/examples': (f) => ({
      method: 'GET',
      url: `/api/v1/examples?regionId=${f.community.id}`,
      namesRegion: true,
    }),
    'POST /api/v1/examples': async (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/examples',
      body: { subject: { kind: 'case', id: await caseIn(f, ctx, 'closed') } },
    }),
    'GET /api/v1/examples/:id': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/examples/${await exampleIn(f, ctx)}`,
    }),
    'PUT /api/v1/examples/:id': async (f, ctx) => ({
      method: 'PUT',
      url: `/api/v1/examples/${await exampleIn(f, ctx)}`,
      body: { title: '矩阵案例', story: '矩阵测试用的案例正文', photoIds: [] },
    }),
    'POST /api/v1/examples/:id/publish': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/examples/${await exampleIn(f, ctx)}/publish`,
    }),
    'POST /api/v1/examples/:id/withdraw': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/examples/${await exampleIn(f, ctx, 'published')}/withdraw`,
      body: { reason: '矩阵测试' },
    }),
    'GET /api/v1/surveys': (f) => ({ method: 'GET', url: `/api/v1/surveys?regionId=${f.community.id}` }),
    'POST /api/v1/surveys': (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/surveys',
      body: {
        regionId: f.community.id,
        title: `矩阵测评${ctx.unique()}`,
        from: today(),
        to: today(),
        questions: QUESTIONS,
      },
    }),
    'GET /api/v1/surveys/:id': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/surveys/${await surveyIn(f, ctx)}`,
    }),
    'GET /api/v1/surveys/:id/results': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/surveys/${await surveyIn(f, ctx)}/results`,
    }),
    'GET /api/v1/surveys/:id/invitations': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/surveys/${await surveyIn(f, ctx)}/invitations`,
    }),
    'POST /api/v1/surveys/:id/answers': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/surveys/${await surveyIn(f, ctx)}/answers`,
      body: { householdId: f.household, channel: 'visit', answers: [5, 4, 1] },
    }),
  },
};

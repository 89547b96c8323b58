import { v7 as uuidv7 } from 'uuid';
import { createSupervisionRepository } from '../../../src/server/modules/supervision/supervision.repository.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';
import { streetOf } from './visit-plans.recipes.ts';

// Drafting reads a period's points: a month long past keeps each draft quick and empty.
let months = 0;
function pastMonthDay(): string {
  const n = months++;
  return `${1970 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}-15`;
}

/**
 * A fresh report of the fixture's street naming the fixture's community (stored directly: the
 * recipes test who reaches it, test/api/supervision-reports.test.ts how it is drafted).
 */
async function reportOf(f: Fixture, ctx: RecipeContext, state: 'draft' | 'published'): Promise<string> {
  const { db } = ctx.t.database;
  const streetId = await streetOf(f, ctx);
  const street = await db
    .selectFrom('region')
    .select(['district_code', 'path', 'name', 'level'])
    .where('id', '=', streetId)
    .executeTakeFirstOrThrow();
  const id = uuidv7();
  const finding = {
    subjectKey: f.community.id,
    subjectName: '社区',
    regionPath: f.community.path,
    text: '逾期事项较多，请限期整改。',
    dueOn: '2099-01-15',
  };
  const repo = createSupervisionRepository(db);
  await repo.insert({
    district_code: street.district_code,
    id,
    region_id: streetId,
    region_path: street.path,
    region_name: street.name,
    region_level: street.level,
    period_kind: 'month',
    period_from: '1969-01-01',
    period_to: '1969-01-31',
    score_period_id: null,
    title: '督查报告',
    body: '',
    findings: [finding],
    subjects: [
      { key: f.community.id, kind: 'places', name: '社区', regionPath: f.community.path, figures: {} },
    ],
    created_by: ctx.userId('supervisor'),
    created_by_name: '督办员',
    created_at: new Date(),
  });
  if (state === 'published') await repo.publish(street.district_code, id, '督办员', new Date());
  return id;
}

/**
 * Supervision reports (两督): written by the street's supervisors and leaders (`supervision:write`);
 * a published report is read by whoever reads cases in a place it names (the fixture's community),
 * a department only when it is named — as the shared findings are read.
 */
export const supervisionRecipes: RecipeModule = {
  recipes: {
    'POST /api/v1/supervision-reports': async (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/supervision-reports',
      body: { regionId: await streetOf(f, ctx), period: 'month', at: pastMonthDay() },
    }),
    'GET /api/v1/supervision-reports': (f) => ({
      method: 'GET',
      url: `/api/v1/supervision-reports?regionId=${f.community.id}`,
      namesRegion: true,
    }),
    'GET /api/v1/supervision-reports/:id': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/supervision-reports/${await reportOf(f, ctx, 'published')}`,
    }),
    'PATCH /api/v1/supervision-reports/:id': async (f, ctx) => ({
      method: 'PATCH',
      url: `/api/v1/supervision-reports/${await reportOf(f, ctx, 'draft')}`,
      body: { title: '修改后的督查报告' },
    }),
    'POST /api/v1/supervision-reports/:id/publish': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/supervision-reports/${await reportOf(f, ctx, 'draft')}/publish`,
    }),
  },
};

import { v7 as uuidv7 } from 'uuid';
import { HOUSEHOLD_SHEET } from '../../../src/server/modules/imports/columns.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';

/** The district of the fixture's community. */
export async function districtOf(f: Fixture, ctx: RecipeContext): Promise<string> {
  const region = await ctx.t.database.db
    .selectFrom('region')
    .select('district_code')
    .where('id', '=', f.community.id)
    .executeTakeFirstOrThrow();
  return region.district_code;
}

/** A pending export request by the leader for the fixture's community, fresh for every call. */
async function pendingRequest(f: Fixture, ctx: RecipeContext): Promise<string> {
  const id = uuidv7();
  await ctx.t.database.db
    .insertInto('export_request')
    .values({
      district_code: await districtOf(f, ctx),
      id,
      subject: 'households',
      region_id: f.community.id,
      reason: `矩阵测试导出申请 ${ctx.unique()}`,
      requested_by: ctx.userId('leader'),
    })
    .execute();
  return id;
}

/** A one-household CSV in the fixture's grid, with a code never used before. */
function householdCsv(f: Fixture, ctx: RecipeContext): string {
  const grid = f.grid.path.split('.').at(-1) as string;
  const values: Partial<Record<(typeof HOUSEHOLD_SHEET.keys)[number], string>> = {
    household_code: `MATRIX-${ctx.unique()}`,
    grid_code: grid,
    address: '矩阵测试地址1号',
    estate: '',
    building: '',
    unit: '',
    room: '',
    tags: '',
    name: '矩阵',
    gender: '男',
    birth_date: '1980-01-01',
    relationship: '户主',
    id_number: '',
    phone: '',
  };
  const header = HOUSEHOLD_SHEET.keys.map((k) => HOUSEHOLD_SHEET.columns[k].header).join(',');
  return `${header}\n${HOUSEHOLD_SHEET.keys.map((k) => values[k]).join(',')}\n`;
}

/** Imports, exports and export approvals. */
export const transferRecipes: RecipeModule = {
  districtWide: ['data:import'],
  recipes: {
    'GET /api/v1/exports/:kind': (f) => ({
      method: 'GET',
      url: `/api/v1/exports/households?regionId=${f.community.id}`,
    }),
    'POST /api/v1/export-requests': (f) => ({
      method: 'POST',
      url: '/api/v1/export-requests',
      body: { kind: 'households', regionId: f.community.id, reason: '矩阵测试：核对住户联系方式' },
    }),
    'GET /api/v1/export-requests': () => ({ method: 'GET', url: '/api/v1/export-requests' }),
    'GET /api/v1/export-requests/review': () => ({ method: 'GET', url: '/api/v1/export-requests/review' }),
    'POST /api/v1/export-requests/:id/approve': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/export-requests/${await pendingRequest(f, ctx)}/approve`,
      body: {},
    }),
    'POST /api/v1/export-requests/:id/refuse': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/export-requests/${await pendingRequest(f, ctx)}/refuse`,
      body: { note: '矩阵测试' },
    }),
    // The body is a string: sent without a content type, the upload reads it by its bytes (CSV).
    'POST /api/v1/imports/:kind': (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/imports/households?fileName=matrix.csv',
      body: householdCsv(f, ctx),
    }),
    'GET /api/v1/imports': () => ({ method: 'GET', url: '/api/v1/imports' }),
    'GET /api/v1/imports/:id/report': async (f, ctx) => {
      const id = uuidv7();
      await ctx.t.database.db
        .insertInto('import_run')
        .values({
          district_code: await districtOf(f, ctx),
          id,
          kind: 'households',
          file_name: 'matrix.xlsx',
          summary: JSON.stringify({ kind: 'households', rows: 0 }),
          report: Buffer.from('PK'),
          created_by: ctx.userId('sysadmin'),
        })
        .execute();
      return { method: 'GET', url: `/api/v1/imports/${id}/report` };
    },
    'GET /api/v1/imports/templates/:kind': () => ({
      method: 'GET',
      url: '/api/v1/imports/templates/households',
    }),
  },
};

import { DEFAULT_TAGS } from '../../../src/shared/domain/tags.ts';
import { addHousehold, addMemberRow, addPlanRow, uniqueIdNumber } from '../../support/households.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';

const districtOf = (f: Fixture) => f.grid.path.slice(0, 6);
const keyHousehold = (f: Fixture, ctx: RecipeContext) =>
  addHousehold(ctx.t, f.grid, { tags: ['低保'], isKey: true });

/** Household and member writes, tag lists, key households. */
export const recordsRecipes: RecipeModule = {
  // The tag lists belong to the whole district.
  districtWide: ['org:write'],
  recipes: {
    'GET /api/v1/tags': () => ({ method: 'GET', url: '/api/v1/tags?subject=household' }),
    // Saving the defaults as they are: allowed callers succeed, and nothing else in the run changes.
    'PUT /api/v1/tags/:subject': () => ({
      method: 'PUT',
      url: '/api/v1/tags/household',
      body: { tags: DEFAULT_TAGS.filter((tag) => tag.subject === 'household') },
    }),

    'POST /api/v1/households': (f, ctx) => ({
      method: 'POST',
      url: '/api/v1/households',
      body: { gridId: f.grid.id, address: `矩阵测试路${ctx.unique()}号`, tags: [], tagLevels: {} },
    }),
    'PATCH /api/v1/households/:id': (f, ctx) => ({
      method: 'PATCH',
      url: `/api/v1/households/${f.household}`,
      body: { room: `${ctx.unique()}室` },
    }),
    'POST /api/v1/households/:id/remove': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/households/${await addHousehold(ctx.t, f.grid)}/remove`,
      body: { reason: '矩阵测试：已搬离' },
    }),
    'POST /api/v1/households/:id/members': (f) => {
      const id = uniqueIdNumber('M');
      return {
        method: 'POST',
        url: `/api/v1/households/${f.household}/members`,
        body: {
          name: '矩阵成员',
          gender: id.gender,
          birthDate: id.birthDate,
          relationship: '子',
          idNumber: id.idNumber,
        },
      };
    },
    'PATCH /api/v1/households/:id/members/:memberId': async (f, ctx) => ({
      method: 'PATCH',
      url: `/api/v1/households/${f.household}/members/${await addMemberRow(ctx.t, districtOf(f), f.household)}`,
      body: { name: '改名成员' },
    }),
    'DELETE /api/v1/households/:id/members/:memberId': async (f, ctx) => ({
      method: 'DELETE',
      url: `/api/v1/households/${f.household}/members/${await addMemberRow(ctx.t, districtOf(f), f.household)}`,
    }),

    'GET /api/v1/households/:id/key-info': (f) => ({
      method: 'GET',
      url: `/api/v1/households/${f.household}/key-info`,
    }),
    'GET /api/v1/households/:id/plan-owners': (f) => ({
      method: 'GET',
      url: `/api/v1/households/${f.household}/plan-owners`,
    }),
    'POST /api/v1/households/:id/key-records': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/households/${await keyHousehold(f, ctx)}/key-records`,
      body: {
        basicSituation: '独居老人',
        livingConditions: '住房安全',
        stateOfMind: '平稳',
        contact: '子女每周探望',
        helpInPlace: '助餐服务',
      },
    }),
    // The leader's scope (the street) reaches both fixtures' households.
    'POST /api/v1/households/:id/plans': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/households/${await keyHousehold(f, ctx)}/plans`,
      body: { measures: '每月上门', ownerUserId: ctx.userId('leader'), followUpDates: ['2026-12-01'] },
    }),
    'PATCH /api/v1/households/:id/plans/:planId': async (f, ctx) => {
      const household = await keyHousehold(f, ctx);
      const { planId } = await addPlanRow(ctx.t, districtOf(f), household, ctx.userId('leader'));
      return {
        method: 'PATCH',
        url: `/api/v1/households/${household}/plans/${planId}`,
        body: { measures: '每周电话问候' },
      };
    },
    'POST /api/v1/households/:id/plans/:planId/follow-ups/:followUpId/done': async (f, ctx) => {
      const household = await keyHousehold(f, ctx);
      const { planId, followUpId } = await addPlanRow(ctx.t, districtOf(f), household, ctx.userId('leader'));
      return {
        method: 'POST',
        url: `/api/v1/households/${household}/plans/${planId}/follow-ups/${followUpId}/done`,
        body: { note: '已回访' },
      };
    },
  },
};

import crypto from 'node:crypto';
import { publicCodeFromBytes } from '../../../src/shared/domain/public-codes.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';

const districtOf = (f: Fixture) => f.community.path.slice(0, 6);

/** A fresh estate of the fixture's grid. */
async function estateIn(f: Fixture, ctx: RecipeContext): Promise<string> {
  const id = crypto.randomUUID();
  const now = new Date();
  await ctx.t.database.db
    .insertInto('estate')
    .values({
      district_code: districtOf(f),
      id,
      grid_id: f.grid.id,
      name: `矩阵小区${ctx.unique()}`,
      address: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A fresh building of a fresh estate. */
async function buildingIn(f: Fixture, ctx: RecipeContext): Promise<string> {
  const id = crypto.randomUUID();
  await ctx.t.database.db
    .insertInto('building')
    .values({
      district_code: districtOf(f),
      id,
      estate_id: await estateIn(f, ctx),
      name: '1幢',
      created_at: new Date(),
    })
    .execute();
  return id;
}

/** A fresh live code of a fresh estate. */
async function codeIn(f: Fixture, ctx: RecipeContext): Promise<string> {
  const code = publicCodeFromBytes(districtOf(f), crypto.randomBytes(8));
  await ctx.t.database.db
    .insertInto('public_code')
    .values({
      district_code: districtOf(f),
      code,
      region_id: f.grid.id,
      estate_id: await estateIn(f, ctx),
      created_at: new Date(),
      created_by: ctx.userId('sysadmin'),
    })
    .execute();
  return code;
}

/**
 * Estates, buildings, public codes and posters (issue 15 §1): read with regions:read, kept with
 * regions:write, by place. The hotline is the district's (unscoped). The public lookup is outside
 * the matrix (public).
 */
export const publicCodesRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/regions/:id/estates': (f) => ({
      method: 'GET',
      url: `/api/v1/regions/${f.grid.id}/estates`,
    }),
    'POST /api/v1/regions/:id/estates': (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/regions/${f.grid.id}/estates`,
      body: { name: `矩阵新小区${ctx.unique()}` },
    }),
    'PATCH /api/v1/estates/:id': async (f, ctx) => ({
      method: 'PATCH',
      url: `/api/v1/estates/${await estateIn(f, ctx)}`,
      body: { address: '矩阵路 1 号' },
    }),
    'DELETE /api/v1/estates/:id': async (f, ctx) => ({
      method: 'DELETE',
      url: `/api/v1/estates/${await estateIn(f, ctx)}`,
    }),
    'POST /api/v1/estates/:id/buildings': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/estates/${await estateIn(f, ctx)}/buildings`,
      body: { name: '2幢' },
    }),
    'PATCH /api/v1/buildings/:id': async (f, ctx) => ({
      method: 'PATCH',
      url: `/api/v1/buildings/${await buildingIn(f, ctx)}`,
      body: { name: '3幢' },
    }),
    'DELETE /api/v1/buildings/:id': async (f, ctx) => ({
      method: 'DELETE',
      url: `/api/v1/buildings/${await buildingIn(f, ctx)}`,
    }),
    // One estate's poster: the grid's sheet grows with every estate the matrix adds.
    'GET /api/v1/regions/:id/posters': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/regions/${f.grid.id}/posters?estateId=${await estateIn(f, ctx)}`,
    }),
    'GET /api/v1/public-codes/:code/qr.svg': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/public-codes/${await codeIn(f, ctx)}/qr.svg`,
    }),
    'POST /api/v1/public-codes/:code/retire': async (f, ctx) => ({
      method: 'POST',
      url: `/api/v1/public-codes/${await codeIn(f, ctx)}/retire`,
      body: { replace: true },
    }),
    'GET /api/v1/public-codes/hotline': () => ({
      method: 'GET',
      url: '/api/v1/public-codes/hotline',
      unscoped: true,
    }),
    'PUT /api/v1/public-codes/hotline': () => ({
      method: 'PUT',
      url: '/api/v1/public-codes/hotline',
      body: { hotline: '12345' },
      unscoped: true,
    }),
  },
};

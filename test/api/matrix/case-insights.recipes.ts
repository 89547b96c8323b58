import type { Principal } from '../../../src/server/modules/auth/principal.ts';
import { submitCase } from '../../../src/server/modules/cases/submit-case.ts';
import { createCaseSchema } from '../../../src/shared/domain/case.ts';
import type { TestApp } from '../../support/app.ts';
import type { Fixture, RecipeContext, RecipeModule } from './recipe.ts';

/** One case per fixture grid (reads need no fresh object), submitted as the grid's community worker. */
const cases = new WeakMap<TestApp, Map<string, Promise<string>>>();

function caseIn(f: Fixture, ctx: RecipeContext): Promise<string> {
  const byGrid = cases.get(ctx.t) ?? new Map<string, Promise<string>>();
  cases.set(ctx.t, byGrid);
  const known = byGrid.get(f.grid.id);
  if (known) return known;
  const districtCode = f.community.path.split('.')[0] as string;
  const principal: Principal = {
    userId: ctx.userId('worker1'),
    districtCode,
    username: 'matrix',
    displayName: '矩阵',
    demo: true,
    sessionId: 'matrix',
    mfaPassed: true,
    mustChangePassword: false,
    grants: [
      {
        role: 'grid_worker',
        scopeRegionId: f.community.id,
        scopeDepartmentId: null,
        scopeDepartmentName: null,
        scopePath: f.community.path,
        scopeName: '矩阵社区',
      },
    ],
    permissions: new Set(['cases:read', 'cases:create']),
  };
  const created = submitCase(
    {
      db: ctx.t.database.db,
      principal,
      actor: { principal, districtCode, sourceIp: null },
      now: new Date(),
      cipher: ctx.t.app.ctx.cipher,
    },
    createCaseSchema.parse({
      channel: 'enterprise',
      kind: 'help',
      title: '企业门前道路破损',
      description: '企业门前道路破损，车辆进出困难。',
      regionId: f.grid.id,
      reporter: { type: 'enterprise', enterpriseId: f.enterprise },
    }),
  ).then((c) => c.id);
  byGrid.set(f.grid.id, created);
  return created;
}

/** Dispatch and duplicate suggestions of a case; the enterprise ledger. */
export const caseInsightsRecipes: RecipeModule = {
  recipes: {
    'GET /api/v1/cases/:id/suggestions': async (f, ctx) => ({
      method: 'GET',
      url: `/api/v1/cases/${await caseIn(f, ctx)}/suggestions`,
    }),
    'GET /api/v1/ledger/enterprises': async (f, ctx) => {
      await caseIn(f, ctx);
      return { method: 'GET', url: `/api/v1/ledger/enterprises?enterpriseId=${f.enterprise}` };
    },
  },
};

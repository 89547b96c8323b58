import type { Estate } from '../../../shared/domain/public-codes.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import type { PublicCodeContext } from './public-code-context.ts';
import { createPublicCodeRepository } from './public-codes.repository.ts';

/** The live estates of a grid (or of every grid of a community), with buildings and live codes. */
export async function listEstates(
  ctx: Pick<PublicCodeContext, 'db' | 'principal'>,
  regionId: string,
): Promise<Estate[]> {
  const district = ctx.principal.districtCode;
  const place = await regionInScope(
    createRegionRepository(ctx.db),
    scopeFor(ctx.principal, 'regions:read'),
    regionId,
  );
  const repo = createPublicCodeRepository(ctx.db);
  const estates = await repo.estatesUnder(district, place.path);
  const ids = estates.map((e) => e.id);
  const buildings = await repo.buildingsOf(district, ids);
  const codes = await repo.liveCodesUnder(district, place.path);
  const codeOf = new Map(codes.filter((c) => c.estate_id).map((c) => [c.estate_id as string, c.code]));
  return estates.map((e) => ({
    id: e.id,
    gridId: e.grid_id,
    name: e.name,
    address: e.address,
    buildings: buildings.filter((b) => b.estate_id === e.id).map((b) => ({ id: b.id, name: b.name })),
    code: codeOf.get(e.id) ?? null,
  }));
}

import { FIELD_PACK_MAX, type FieldGrid, type FieldPack } from '../../../shared/domain/field-directory.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { Principal } from '../auth/principal.ts';
import { type Scope, scopeForAll } from '../auth/scope.ts';
import { enterpriseView, householdView } from './directory-views.ts';
import type { FieldDirectoryRepository } from './field-directory.repository.ts';

/** How many grids the choice of what to keep offline lists at most. */
const GRID_LIST_MAX = 300;

/**
 * What a visitor may keep on the phone: households where they visit and read households,
 * enterprises where they visit and read enterprises (a liaison keeps only enterprises).
 */
function packScopes(principal: Principal) {
  const households = scopeForAll(principal, ['visits:write', 'households:read']);
  const enterprises = scopeForAll(principal, ['visits:write', 'enterprises:read']);
  const grids: Scope = {
    districtCode: principal.districtCode,
    paths: [...households.paths, ...enterprises.paths],
  };
  return { households, enterprises, grids };
}

/**
 * The grids the caller may keep offline, their own first: a grid their grant stands on or whose
 * visit team (走访组) they belong to. A worker granted a whole community has no own grid and
 * chooses which to keep.
 */
export async function listFieldGrids(
  repo: FieldDirectoryRepository,
  principal: Principal,
): Promise<{ items: FieldGrid[]; truncated: boolean }> {
  const scopes = packScopes(principal);
  const rows = await repo.grids(scopes.households, scopes.enterprises, scopes.grids, GRID_LIST_MAX);
  const ownPaths = new Set(principal.grants.map((g) => g.scopePath));
  const teamGrids = new Set(await repo.teamGrids(principal.districtCode, principal.userId));
  const items = rows.slice(0, GRID_LIST_MAX).map((r) => ({
    id: r.id,
    name: r.name,
    parentName: r.parent_name,
    households: Number(r.households ?? 0),
    enterprises: Number(r.enterprises ?? 0),
    own: ownPaths.has(r.path) || teamGrids.has(r.id),
  }));
  items.sort((a, b) => Number(b.own) - Number(a.own));
  return { items, truncated: rows.length > GRID_LIST_MAX };
}

/** One grid's whole directory (bounded) for the phone to keep; 404 outside the caller's reach. */
export async function gridDirectory(
  repo: FieldDirectoryRepository,
  principal: Principal,
  gridId: string,
): Promise<FieldPack> {
  const scopes = packScopes(principal);
  const grid = await repo.gridInScope(scopes.grids, gridId);
  if (!grid) throw new AppError('NOT_FOUND', 'No such grid in reach.');
  const [households, enterprises] = [
    await repo.gridHouseholds(scopes.households, grid.id, FIELD_PACK_MAX),
    await repo.gridEnterprises(scopes.enterprises, grid.id, FIELD_PACK_MAX),
  ];
  return {
    grid: { id: grid.id, name: grid.name },
    households: households.slice(0, FIELD_PACK_MAX).map(householdView),
    enterprises: enterprises.slice(0, FIELD_PACK_MAX).map((e) => enterpriseView(e, principal.userId)),
    truncated: households.length > FIELD_PACK_MAX || enterprises.length > FIELD_PACK_MAX,
    generatedAt: new Date().toISOString(),
  };
}

import type { Kysely } from 'kysely';
import type { Estate } from '../../../shared/domain/public-codes.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createPublicCodeRepository } from './public-codes.repository.ts';

/**
 * What the staff's estate and code use cases need. Estates, buildings and codes are part of the
 * territory: read with regions:read, kept (and codes issued, retired, posters drawn) with
 * regions:write, like the regions themselves, each within the grant's scope.
 */
export interface PublicCodeContext {
  db: Kysely<DB>;
  principal: Principal;
  actor: AuditActor;
  now: Date;
  /** The origin a QR code points at: the first public origin, else the request's own. */
  origin: string;
}

export type TerritoryPermission = 'regions:read' | 'regions:write';

/** A grid in the caller's scope; NOT_FOUND out of scope, VALIDATION_FAILED for another level. */
export async function gridInScope(
  db: Kysely<DB>,
  principal: Principal,
  permission: TerritoryPermission,
  id: string,
) {
  const node = await regionInScope(createRegionRepository(db), scopeFor(principal, permission), id);
  if (node.level !== 'grid')
    throw new AppError('VALIDATION_FAILED', 'Estates are kept under a grid.', {
      issues: [{ path: 'params.id', reason: 'level', message: 'Choose a grid.' }],
    });
  return node;
}

/** A live estate whose grid the caller's scope reaches; NOT_FOUND otherwise. */
export async function estateInScope(
  db: Kysely<DB>,
  principal: Principal,
  permission: TerritoryPermission,
  id: string,
) {
  const row = await createPublicCodeRepository(db).findEstate(principal.districtCode, id);
  if (!row || row.removed_at !== null || !pathInScope(row.grid_path, scopeFor(principal, permission)))
    throw new AppError('NOT_FOUND', 'No such estate.');
  return row;
}

/** An estate as the API shows it, with its buildings and live code (if one was issued). */
export async function estateView(
  db: Kysely<DB>,
  districtCode: string,
  estate: { id: string; grid_id: string; name: string; address: string | null },
): Promise<Estate> {
  const repo = createPublicCodeRepository(db);
  const buildings = await repo.buildingsOf(districtCode, [estate.id]);
  const code = await repo.liveCode(districtCode, estate.grid_id, estate.id);
  return {
    id: estate.id,
    gridId: estate.grid_id,
    name: estate.name,
    address: estate.address,
    buildings: buildings.map((b) => ({ id: b.id, name: b.name })),
    code: code?.code ?? null,
  };
}

/** A building whose estate is live and in the caller's scope (its estate row locked); NOT_FOUND otherwise. */
export async function buildingInScope(
  db: Kysely<DB>,
  principal: Principal,
  permission: TerritoryPermission,
  id: string,
) {
  const repo = createPublicCodeRepository(db);
  const building = await repo.findBuilding(principal.districtCode, id);
  if (!building) throw new AppError('NOT_FOUND', 'No such building.');
  await repo.lockEstate(principal.districtCode, building.estate_id);
  await estateInScope(db, principal, permission, building.estate_id);
  return building;
}

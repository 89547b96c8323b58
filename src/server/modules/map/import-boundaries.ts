import type { Kysely } from 'kysely';
import type { BoundaryImport, BoundaryImportReport } from '../../../shared/domain/map.ts';
import { matchBoundaries } from '../../../shared/map/geojson.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createMapRepository } from './map.repository.ts';

/**
 * Imports grid boundaries from a GeoJSON FeatureCollection (issue 12 §7): each feature names its
 * grid by a property (the grid's code or name) among the grids below a region the caller may edit
 * (regions:write; 404 elsewhere). The answer is the validation report of shared/map/geojson.ts;
 * the matched, valid features are written (replacing earlier shapes) in one transaction with one
 * `map.boundaries_imported` audit row, unless the request is a dry run, which writes nothing.
 * Invalid or unmatched features never stop the valid ones: the report names them to fix and
 * import again.
 */
export async function importBoundaries(
  ctx: { db: Kysely<DB>; principal: Principal; actor: AuditActor },
  body: BoundaryImport,
): Promise<BoundaryImportReport> {
  const scope = scopeFor(ctx.principal, 'regions:write');
  const region = await regionInScope(createRegionRepository(ctx.db), scope, body.regionId);
  return importBoundariesBelow(ctx.db, ctx.actor, scope.districtCode, region, body);
}

/**
 * The import below a region already resolved (the API's, in the caller's scope; the CLI's, by
 * code, as the operator of the whole deployment).
 */
export async function importBoundariesBelow(
  db: Kysely<DB>,
  actor: AuditActor,
  district: string,
  region: { id: string; path: string },
  body: Omit<BoundaryImport, 'regionId'>,
): Promise<BoundaryImportReport> {
  const options = { matchBy: body.matchBy, property: body.property ?? body.matchBy };
  const plan = async (executor: Kysely<DB>) => {
    const grids = await createMapRepository(executor).gridsToMatch(district, region.path);
    return matchBoundaries(
      body.collection,
      grids.map((g) => ({ id: g.id, code: g.code, name: g.name, hasBoundary: Boolean(g.has_boundary) })),
      options,
    );
  };
  if (body.dryRun) return { dryRun: true, written: 0, ...(await plan(db)).report };

  return runTransaction(db, async (trx) => {
    const { matches, report } = await plan(trx);
    await createMapRepository(trx).writeBoundaries(
      district,
      matches.map((m) => ({ regionId: m.gridId, geometry: m.geometry, center: m.center })),
      'import',
      new Date(),
    );
    await audit(trx, actor, {
      action: 'map.boundaries_imported',
      result: 'success',
      objectType: 'region',
      objectId: region.id,
      detail: {
        matchBy: options.matchBy,
        property: options.property,
        features: report.features,
        written: matches.length,
        unmatched: report.unmatched.length,
        invalid: report.invalid.length,
        duplicates: report.duplicates.length,
        gridsWithoutBoundary: report.gridsWithoutBoundary.length,
      },
    });
    return { dryRun: false, written: matches.length, ...report };
  });
}

import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { CreateSpotCheck } from '../../../shared/domain/spot-check.ts';
import { drawSample, newSeed } from '../../../shared/visits/sampling.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createSpotCheckRepository } from './spot-checks.repository.ts';

/**
 * Draws a spot check: the visits in the checker's scope below the region that started in the
 * period, sampled by percentage and seed (a seed is made and stored when none is given, so the
 * draw can be repeated and checked). Items start unverified. Audited with the seed and sizes.
 */
export async function drawSpotCheck(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  input: CreateSpotCheck,
): Promise<string> {
  const scope = scopeFor(principal, 'visits:check');
  const seed = input.seed ?? newSeed();
  return runTransaction(db, async (trx) => {
    const region = await regionInScope(createRegionRepository(trx), scope, input.regionId);
    const checks = createSpotCheckRepository(trx);
    const population = await checks.visitIdsIn(scope, region.path, input.from, input.to);
    const sample = drawSample(population, input.percent, seed);
    const id = uuidv7();
    await checks.insert(
      {
        district_code: principal.districtCode,
        id,
        region_id: region.id,
        region_path: region.path,
        period_from: input.from,
        period_to: input.to,
        percent: input.percent,
        seed,
        created_by: principal.userId,
      },
      sample,
    );
    await audit(trx, actor, {
      action: 'spot_check.drawn',
      result: 'success',
      objectType: 'spot_check',
      objectId: id,
      detail: {
        regionId: region.id,
        from: input.from,
        to: input.to,
        percent: input.percent,
        seed,
        population: population.length,
        sampled: sample.length,
      },
    });
    return id;
  });
}

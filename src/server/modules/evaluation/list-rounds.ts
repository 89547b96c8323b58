import type { Kysely } from 'kysely';
import type { EvaluationRoundSummary } from '../../../shared/domain/evaluation.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createEvaluationRepository } from './evaluation.repository.ts';
import { nearPaths, roundSummary } from './round-access.ts';

/**
 * GET /api/v1/evaluation-rounds: the rounds of the places on the caller's branch (their street's
 * and district's, and those below them), newest first; with `regionId`, of that place's branch.
 */
export async function listEvaluationRounds(
  db: Kysely<DB>,
  principal: Principal,
  regionId: string | undefined,
): Promise<EvaluationRoundSummary[]> {
  let paths = nearPaths(principal);
  if (regionId !== undefined) {
    const region = await regionInScope(
      createRegionRepository(db),
      scopeFor(principal, 'regions:read'),
      regionId,
    );
    paths = [region.path];
  }
  const rows = await createEvaluationRepository(db).roundsNear(principal.districtCode, paths);
  return rows.map(roundSummary);
}

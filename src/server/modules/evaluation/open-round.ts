import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import {
  DEFAULT_EVALUATION_CRITERIA,
  type EvaluationRoundSummary,
  type OpenEvaluationRound,
} from '../../../shared/domain/evaluation.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createEvaluationRepository } from './evaluation.repository.ts';

const ROUND_LEVELS: ReadonlySet<string> = new Set(['district', 'street']);

/**
 * POST /api/v1/evaluation-rounds: a leader who publishes figures at a district or street opens a
 * round of one kind for a period, with its form (the kind's default criteria when none is given);
 * audited `evaluation_round.opened` with the form.
 */
export async function openEvaluationRound(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  input: OpenEvaluationRound,
  now: Date,
): Promise<EvaluationRoundSummary> {
  const region = await regionInScope(
    createRegionRepository(db),
    scopeFor(principal, 'figures:publish'),
    input.regionId,
  );
  if (!ROUND_LEVELS.has(region.level))
    throw new AppError('VALIDATION_FAILED', 'An evaluation round belongs to a district or a street.', {
      issues: [
        { path: 'body.regionId', reason: 'not_round_place', message: 'Choose a district or a street.' },
      ],
    });
  const criteria = input.criteria ?? DEFAULT_EVALUATION_CRITERIA[input.kind];
  const id = uuidv7();
  await runTransaction(db, async (trx) => {
    await createEvaluationRepository(trx).insertRound({
      district_code: principal.districtCode,
      id,
      region_id: region.id,
      region_path: region.path,
      region_name: region.name,
      kind: input.kind,
      title: input.title,
      period_from: input.from,
      period_to: input.to,
      criteria,
      state: 'open',
      opened_by: principal.userId,
      opened_by_name: principal.displayName,
      opened_at: now,
      closed_by_name: null,
      closed_at: null,
    });
    await audit(trx, actor, {
      action: 'evaluation_round.opened',
      result: 'success',
      objectType: 'evaluation_round',
      objectId: id,
      detail: {
        region: region.id,
        kind: input.kind,
        title: input.title,
        from: input.from,
        to: input.to,
        criteria,
      },
    });
  });
  return {
    id,
    region: { id: region.id, name: region.name },
    kind: input.kind,
    title: input.title,
    from: input.from,
    to: input.to,
    state: 'open',
    openedBy: principal.displayName,
    openedAt: now.toISOString(),
    closedBy: null,
    closedAt: null,
  };
}

import type { Kysely } from 'kysely';
import {
  type EvaluationRating,
  type RateEvaluation,
  scoresMatchCriteria,
} from '../../../shared/domain/evaluation.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { createEvaluationRepository } from './evaluation.repository.ts';
import { criteriaOf, raterUnitsWithSubjects, visibleRound } from './round-access.ts';

/**
 * POST /api/v1/evaluation-rounds/:id/ratings: a rater rates one subject for one of their units —
 * a community's leader or grid worker a cadre sent down to it, a department's member one of its
 * node's communities — every criterion 1–5 with a comment. Once per unit and subject: a second
 * submission by anyone of the unit is 409 and the first stands (ratings are not edited, so a unit
 * cannot adjust its rating to others'). Anyone else is refused (403, audited).
 */
export async function rateInRound(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  id: string,
  input: RateEvaluation,
  now: Date,
): Promise<EvaluationRating> {
  const round = await visibleRound(db, principal, id);
  const refuse = async (message: string) => {
    await runTransaction(db, (trx) =>
      audit(trx, actor, {
        action: 'evaluation_round.rated',
        result: 'denied',
        objectType: 'evaluation_round',
        objectId: id,
        detail: { raterUnit: input.raterUnit, subject: input.subject },
      }),
    );
    throw new AppError('FORBIDDEN', message);
  };
  if (round.state !== 'open') throw new AppError('EVALUATION_ROUND_CLOSED', 'This round is closed.');
  const units = await raterUnitsWithSubjects(db, principal, round);
  const unit = units.find((u) => u.unit.key === input.raterUnit);
  if (!unit) return refuse('You do not rate for this unit in this round.');
  const subject = unit.subjects.find((s) => s.key === input.subject);
  if (!subject) return refuse('Your unit does not rate this person or community in this round.');
  if (!scoresMatchCriteria(criteriaOf(round), input.scores))
    throw new AppError('VALIDATION_FAILED', "Score every criterion of the round's form, 1 to 5.", {
      issues: [{ path: 'body.scores', reason: 'criteria', message: 'Score every criterion once.' }],
    });
  const comment = input.comment ?? null;
  await runTransaction(db, async (trx) => {
    const repo = createEvaluationRepository(trx);
    // Locked: a close waits for the rating, or the rating sees the round closed.
    const locked = await repo.round(principal.districtCode, id, true);
    if (locked?.state !== 'open') throw new AppError('EVALUATION_ROUND_CLOSED', 'This round is closed.');
    try {
      await repo.insertRating({
        district_code: principal.districtCode,
        round_id: id,
        rater_unit: unit.unit.key,
        rater_unit_name: unit.unit.name,
        subject_key: subject.key,
        subject_name: subject.name,
        scores: input.scores,
        comment,
        rated_by: principal.userId,
        rated_by_name: principal.displayName,
        rated_at: now,
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('EVALUATION_ALREADY_RATED', 'Your unit has rated this subject in this round.');
      throw error;
    }
    await audit(trx, actor, {
      action: 'evaluation_round.rated',
      result: 'success',
      objectType: 'evaluation_round',
      objectId: id,
      detail: { raterUnit: unit.unit.key, subject: subject.key, scores: input.scores, comment },
    });
  });
  return {
    raterUnit: unit.unit.key,
    raterUnitName: unit.unit.name,
    subject: subject.key,
    subjectName: subject.name,
    scores: input.scores,
    comment,
    ratedBy: principal.displayName,
    ratedAt: now.toISOString(),
  };
}

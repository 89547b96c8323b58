import type { Kysely } from 'kysely';
import { type EvaluationRoundView, roundResults } from '../../../shared/domain/evaluation.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { jsonColumn } from '../../db/json-column.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { createEvaluationRepository } from './evaluation.repository.ts';
import { readEvaluationRound } from './read-round.ts';
import { criteriaOf, managesRound, visibleRound } from './round-access.ts';

/**
 * POST /api/v1/evaluation-rounds/:id/close: a leader who publishes figures at the round's place
 * closes it. In one transaction, on the locked round, each subject's result (means per criterion,
 * overall mean, count: `roundResults`) is stored as it is then, the round is marked closed, and an
 * `evaluation_round.closed` audit row carries every result; the results feed the scores of the
 * period holding the close (item 'evaluation'). Once only (409); anyone else is refused (403, audited).
 */
export async function closeEvaluationRound(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  id: string,
  now: Date,
): Promise<EvaluationRoundView> {
  const round = await visibleRound(db, principal, id);
  if (!managesRound(principal, round)) {
    await runTransaction(db, (trx) =>
      audit(trx, actor, {
        action: 'evaluation_round.closed',
        result: 'denied',
        objectType: 'evaluation_round',
        objectId: id,
      }),
    );
    throw new AppError('FORBIDDEN', "Closing a round needs figures:publish at the round's place.");
  }
  await runTransaction(db, async (trx) => {
    const repo = createEvaluationRepository(trx);
    const locked = await repo.round(principal.districtCode, id, true);
    if (locked?.state !== 'open')
      throw new AppError('EVALUATION_ROUND_CLOSED', 'This round is closed already.');
    const ratings = await repo.ratings(principal.districtCode, id);
    const results = roundResults(
      criteriaOf(locked),
      ratings.map((r) => ({
        subject: r.subject_key,
        subjectName: r.subject_name,
        scores: jsonColumn<Record<string, number>>(r.scores),
      })),
    );
    await repo.insertResults(
      results.map((r) => ({
        district_code: principal.districtCode,
        round_id: id,
        subject_key: r.subject,
        subject_kind: r.subject.startsWith('u:') ? 'cadres' : 'places',
        subject_name: r.subjectName,
        ratings: r.ratings,
        overall_mean: r.overallMean,
        means: r.means,
      })),
    );
    await repo.close(principal.districtCode, id, principal.displayName, now);
    await audit(trx, actor, {
      action: 'evaluation_round.closed',
      result: 'success',
      objectType: 'evaluation_round',
      objectId: id,
      detail: {
        ratings: ratings.length,
        results: results.map((r) => ({
          subject: r.subject,
          ratings: r.ratings,
          overallMean: r.overallMean,
          means: r.means,
        })),
      },
    });
  });
  return readEvaluationRound(db, principal, id);
}

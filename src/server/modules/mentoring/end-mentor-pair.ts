import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { createMentoringRepository } from './mentoring.repository.ts';

/** Ends a pair on a day not before it started; an ended pair stays ended (409). */
export async function endMentorPair(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  id: string,
  endedOn: string,
): Promise<void> {
  const scope = scopeFor(principal, 'visits:plan');
  await runTransaction(db, async (trx) => {
    const pairs = createMentoringRepository(trx);
    const pair = await pairs.findInScope(scope, id);
    if (!pair) throw new AppError('NOT_FOUND', 'No such pair.');
    // Queue behind any other change to the same mentee's pairs.
    await pairs.lockUser(pair.district_code, pair.mentee_id);
    if (pair.ended_on !== null) throw new AppError('CONFLICT', 'The pair has already ended.');
    if (endedOn < pair.started_on) {
      const message = 'A pair cannot end before it started.';
      throw new AppError('VALIDATION_FAILED', message, {
        issues: [{ path: 'body.endedOn', reason: 'before_start', message }],
      });
    }
    await pairs.end(pair.district_code, id, endedOn);
    await audit(trx, actor, {
      action: 'mentor_pair.ended',
      result: 'success',
      objectType: 'mentor_pair',
      objectId: id,
      detail: { endedOn },
    });
  });
}

import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { CreateMentorPair } from '../../../shared/domain/mentoring.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { createMentoringRepository } from './mentoring.repository.ts';

const refuse = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, {
    issues: [{ path: `body.${field}`, reason: 'pair', message }],
  });

/**
 * Pairs a mentor with a mentee (结对帮带). The mentee must stand in the planner's scope (404
 * otherwise, as for an unknown account); both must be active accounts of the district and
 * different people; a mentee has at most one open pair (409), checked under a lock on the mentee.
 */
export async function pairMentor(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  input: CreateMentorPair,
): Promise<string> {
  const scope = scopeFor(principal, 'visits:plan');
  const district = principal.districtCode;
  return runTransaction(db, async (trx) => {
    const pairs = createMentoringRepository(trx);
    if (!(await pairs.userInScope(scope, input.menteeId)))
      throw new AppError('NOT_FOUND', 'No such account.');
    if (input.mentorId === input.menteeId) throw refuse('mentorId', 'A mentor cannot mentor themselves.');
    const mentee = await pairs.lockUser(district, input.menteeId);
    const mentor = await pairs.lockUser(district, input.mentorId);
    if (!mentee) throw new AppError('NOT_FOUND', 'No such account.');
    if (!mentee.active) throw refuse('menteeId', `The account ${mentee.display_name} is deactivated.`);
    if (!mentor) throw refuse('mentorId', 'No such account in this district.');
    if (!mentor.active) throw refuse('mentorId', `The account ${mentor.display_name} is deactivated.`);
    if (await pairs.openPairOf(district, input.menteeId)) {
      throw new AppError('CONFLICT', `${mentee.display_name} already has a mentor.`);
    }
    const id = uuidv7();
    await pairs.insert({
      district_code: district,
      id,
      mentor_id: input.mentorId,
      mentee_id: input.menteeId,
      started_on: input.startedOn,
      created_by: principal.userId,
    });
    await audit(trx, actor, {
      action: 'mentor_pair.created',
      result: 'success',
      objectType: 'mentor_pair',
      objectId: id,
      detail: { mentorId: input.mentorId, menteeId: input.menteeId, startedOn: input.startedOn },
    });
    return id;
  });
}

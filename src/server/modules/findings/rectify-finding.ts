import type { Kysely } from 'kysely';
import { anyReaches } from '../../../shared/auth/reach.ts';
import type { Finding, RectificationInput } from '../../../shared/domain/findings.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { answersFor, findingReader } from './finding-access.ts';
import { createFindingsRepository } from './findings.repository.ts';
import { findingView } from './list-findings.ts';

/**
 * POST /api/v1/findings/:id/rectification: the subject's unit answers a finding once with its
 * rectification note and the day it was rectified (not in the future); audited. Someone who only
 * oversees the subject reads the finding but may not answer for it (403, audited).
 */
export async function rectifyFinding(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  id: string,
  input: RectificationInput,
  now: Date,
): Promise<Finding> {
  const reader = findingReader(principal);
  return runTransaction(db, async (trx) => {
    const repo = createFindingsRepository(trx);
    const found = await repo.one(principal.districtCode, id, true);
    const visible =
      found !== undefined &&
      (anyReaches(reader.paths, found.region_path) || reader.subjectKeys.includes(found.subject_key));
    if (!found || !visible) throw new AppError('NOT_FOUND', 'No such finding.');
    if (!answersFor(principal, found)) {
      await audit(trx, actor, {
        action: 'finding.rectified',
        result: 'denied',
        objectType: 'finding',
        objectId: id,
      });
      return { denied: true as const };
    }
    if (found.answered_at !== null)
      throw new AppError('FINDING_ALREADY_ANSWERED', 'This finding has its rectification already.');
    if (input.rectifiedOn > cstDay(now))
      throw new AppError('VALIDATION_FAILED', 'The rectification day cannot be in the future.', {
        issues: [{ path: 'body.rectifiedOn', reason: 'future', message: 'not after today' }],
      });
    const answered = await repo.answer(principal.districtCode, id, {
      note: input.note,
      rectifiedOn: input.rectifiedOn,
      by: principal.userId,
      byName: principal.displayName,
      at: now,
    });
    if (!answered)
      throw new AppError('FINDING_ALREADY_ANSWERED', 'This finding has its rectification already.');
    await audit(trx, actor, {
      action: 'finding.rectified',
      result: 'success',
      objectType: 'finding',
      objectId: id,
      detail: { rectifiedOn: input.rectifiedOn, source: { kind: found.source_kind, id: found.source_id } },
    });
    const after = await repo.one(principal.districtCode, id);
    return { denied: false as const, finding: findingView(principal, after ?? found, now) };
  }).then((result) => {
    if (result.denied)
      throw new AppError('FORBIDDEN', "Only the finding's own unit records its rectification.");
    return result.finding;
  });
}

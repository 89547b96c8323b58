import type { Kysely } from 'kysely';
import type { ResidentRatingBody } from '../../../shared/domain/resident-status.ts';
import type { DB } from '../../db/schema.ts';
import { rateCaseAsResident } from '../cases/feedback-actions.ts';
import { noSuchStatusLink, statusLinkCase } from './status-link-case.ts';
import { createStatusPageRepository } from './status-page.repository.ts';

/**
 * The resident rates the reply on their status page: the same `rate` step as the first
 * responder's follow-up call (feedback-actions.ts), so unsatisfied reopens the case exactly as a
 * call does. Only while the case waits for its follow-up (else CASE_WRONG_STATE).
 */
export async function rateFromStatusPage(
  ctx: { db: Kysely<DB>; sourceIp: string | null; now: Date },
  token: string,
  body: ResidentRatingBody,
): Promise<{ stage: string }> {
  const { districtCode, caseId } = await statusLinkCase(ctx.db, token);
  const c = await createStatusPageRepository(ctx.db).caseOf(districtCode, caseId);
  if (!c) throw noSuchStatusLink();
  // The resident holds no version: the one read now; a change in between answers PRECONDITION_FAILED.
  const result = await rateCaseAsResident(
    { db: ctx.db, districtCode, sourceIp: ctx.sourceIp, now: ctx.now },
    caseId,
    c.version,
    { rating: body.rating, ...(body.comment ? { note: body.comment } : {}) },
  );
  return { stage: result.state };
}

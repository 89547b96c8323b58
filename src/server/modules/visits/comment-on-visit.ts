import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { VisitComment, VisitCommentInput } from '../../../shared/domain/visit.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { visibleVisit, visitActions, visitorIdsOf } from './visit-access.ts';
import { createVisitRepository } from './visits.repository.ts';

/**
 * A comment on a diary entry (结对帮带 review): by a mentor of one of its visitors (an active pair)
 * or by someone who checks visits where it was held. Others who read it get 403.
 */
export async function commentOnVisit(
  ctx: { db: Kysely<DB>; principal: Principal; actor: AuditActor; now: Date },
  visitId: string,
  input: VisitCommentInput,
): Promise<VisitComment> {
  return runTransaction(ctx.db, async (trx) => {
    const visit = await visibleVisit(trx, ctx.principal, visitId);
    const visitors = await visitorIdsOf(trx, visit);
    if (!(await visitActions(trx, ctx.principal, visit, visitors, ctx.now)).includes('comment'))
      throw new AppError(
        'FORBIDDEN',
        "Only a visitor's mentor or someone who checks visits here may comment.",
      );
    const id = uuidv7();
    await createVisitRepository(trx).insertComment({
      district_code: visit.district_code,
      id,
      visit_id: visit.id,
      author_id: ctx.principal.userId,
      body: input.body,
      created_at: ctx.now,
    });
    await audit(trx, ctx.actor, {
      action: 'visit.commented',
      result: 'success',
      objectType: 'visit',
      objectId: visit.id,
      detail: { comment: id },
    });
    return {
      id,
      author: { id: ctx.principal.userId, displayName: ctx.principal.displayName },
      body: input.body,
      createdAt: ctx.now.toISOString(),
    };
  });
}

import type { CaseStatusLinks } from '../../../shared/domain/resident-status.ts';
import { runTransaction } from '../../db/retry.ts';
import { auditCaseRecord } from '../cases/case-change.ts';
import type { CaseWriteContext } from '../cases/case-write-context.ts';
import { createResidentStatusRepository } from '../resident-status/resident-status.repository.ts';
import { lockCaseForStatusLinks } from './status-link-access.ts';

/**
 * Revokes every live status link of a case (a link forwarded to the wrong person, a phone that
 * changed hands): each then answers STATUS_LINK_NOT_FOUND. The case itself does not change (no
 * version, no event); the revocation is audited on the case's record.
 */
export async function revokeStatusLinks(ctx: CaseWriteContext, caseId: string): Promise<CaseStatusLinks> {
  return runTransaction(ctx.db, async (trx) => {
    const row = await lockCaseForStatusLinks(trx, ctx.principal, caseId);
    const revoked = await createResidentStatusRepository(trx).revokeCaseLinks(
      row.district_code,
      row.id,
      ctx.principal.userId,
      ctx.now,
    );
    await auditCaseRecord(trx, ctx.actor, row, 'status_links_revoked', { revoked });
    return { live: 0 };
  });
}

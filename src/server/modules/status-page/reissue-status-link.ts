import type { CaseStatusLinks } from '../../../shared/domain/resident-status.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import { auditCaseRecord } from '../cases/case-change.ts';
import type { CaseWriteContext } from '../cases/case-write-context.ts';
import { issueStatusLink } from '../resident-status/issue-status-link.ts';
import { createResidentStatusRepository } from '../resident-status/resident-status.repository.ts';
import { lockCaseForStatusLinks } from './status-link-access.ts';

/**
 * A new status link for a case (after a revocation, or for a resident who lost theirs): texted to
 * the reporter when the case holds their phone, and its path answered once to the member of staff
 * (to read out or hand over); it is not kept anywhere.
 */
export async function reissueStatusLink(
  ctx: CaseWriteContext & { cipher: PiiCipher },
  caseId: string,
): Promise<CaseStatusLinks> {
  return runTransaction(ctx.db, async (trx) => {
    const row = await lockCaseForStatusLinks(trx, ctx.principal, caseId);
    const link = await issueStatusLink(trx, {
      districtCode: row.district_code,
      caseId: row.id,
      caseNumber: row.number,
      phone: row.reporter_phone_enc ? ctx.cipher.decrypt(row.reporter_phone_enc) : null,
      now: ctx.now,
    });
    await auditCaseRecord(trx, ctx.actor, row, 'status_link_issued', {
      texted: row.reporter_phone_enc !== null,
    });
    const live = await createResidentStatusRepository(trx).liveLinkCount(row.district_code, row.id);
    return { live, path: link.path };
  });
}

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { writeEnterprise } from './enterprise-in-scope.ts';

/**
 * Takes an enterprise off the books (closed, moved away, recorded by mistake): it is marked
 * removed, with the reason in the audit log, and no list or detail shows it again. The row stays
 * for the record until the retention job anonymises it, so its credit code stays taken.
 */
export async function removeEnterprise(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  id: string,
  reason: string,
): Promise<void> {
  await writeEnterprise(db, principal, 'enterprises:write', id, async (e, enterprises, trx) => {
    await enterprises.markRemoved(principal.districtCode, id, new Date());
    await audit(trx, actor, {
      action: 'enterprise.removed',
      result: 'success',
      objectType: 'enterprise',
      objectId: id,
      detail: { reason, name: e.name, creditCode: e.credit_code },
    });
  });
}

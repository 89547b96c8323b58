import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { writeEnterprise } from './enterprise-in-scope.ts';
import type { EnterpriseRepository } from './enterprises.repository.ts';
import { reachingLiaisons } from './liaison-scope.ts';

const refuse = (message: string) =>
  new AppError('VALIDATION_FAILED', message, {
    issues: [{ path: 'body.userId', reason: 'liaison', message }],
  });

/** Refuses, with the reason, an account that cannot be this enterprise's liaison. */
async function checkLiaison(
  enterprises: EnterpriseRepository,
  districtCode: string,
  regionPath: string,
  userId: string,
): Promise<void> {
  const user = await enterprises.userInDistrict(districtCode, userId);
  if (!user) throw refuse('No such account in this district.');
  if (!user.active) throw refuse(`The account ${user.display_name} is deactivated.`);
  if ((await enterprises.liaisonGrants(districtCode, userId)).length === 0) {
    throw refuse(`The account ${user.display_name} does not hold the enterprise liaison role.`);
  }
  if ((await reachingLiaisons(enterprises, districtCode, regionPath, userId)).length === 0) {
    throw refuse(`The liaison scope of ${user.display_name} does not reach this enterprise.`);
  }
}

/**
 * Makes an account the enterprise's liaison (陪跑员), or removes the assignment (`null`). The
 * account must be active, of the district, and hold a liaison grant whose scope reaches the
 * enterprise. Audited with the liaison before and after.
 */
export async function assignLiaison(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  id: string,
  userId: string | null,
): Promise<void> {
  const districtCode = principal.districtCode;
  await writeEnterprise(db, principal, 'enterprises:assign', id, async (e, enterprises, trx) => {
    if (userId !== null) await checkLiaison(enterprises, districtCode, e.region_path, userId);
    if (userId === e.liaison_user_id) return;
    await enterprises.setLiaison(districtCode, id, userId);
    await audit(trx, actor, {
      action: 'enterprise.liaison_assigned',
      result: 'success',
      objectType: 'enterprise',
      objectId: id,
      detail: { before: e.liaison_user_id, after: userId },
    });
  });
}

import type { Kysely } from 'kysely';
import { CASE_LEVELS } from '../../../shared/cases/levels.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { createCaseRulesRepository } from './case-rules.repository.ts';

/**
 * Sets the level a district takes hotline (12345) cases in at: its street dispatch centres (the
 * default) or the district centre. Cases already taken in keep their level. Audited.
 */
export async function setHotlineLevel(
  db: Kysely<DB>,
  districtCode: string,
  level: 'street' | 'district',
  actor: AuditActor,
): Promise<void> {
  await runTransaction(db, async (trx) => {
    const rules = createCaseRulesRepository(trx);
    const before = await rules.hotlineIntakeLevel(districtCode);
    await rules.setHotlineIntakeLevel(districtCode, CASE_LEVELS[level]);
    await audit(trx, actor, {
      action: 'intake.hotline_level_set',
      result: 'success',
      objectType: 'district',
      objectId: districtCode,
      detail: { before: before === CASE_LEVELS.district ? 'district' : 'street', after: level },
    });
  });
}

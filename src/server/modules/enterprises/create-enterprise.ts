import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { createEnterpriseSchema } from '../../../shared/domain/enterprise.ts';
import { positionColumns } from '../../../shared/map/position.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import {
  checkEnterpriseTags,
  duplicateCreditCode,
  ensureCreditCodeFree,
  gridForEnterprise,
  sealPhone,
} from './enterprise-input.ts';
import { createEnterpriseRepository } from './enterprises.repository.ts';

/**
 * Records a new enterprise in a grid of the writer's scope: the credit code must be free in the
 * district, the tags on the district's list, the contact phone is stored only encrypted.
 * Returns the new id.
 */
export async function createEnterprise(
  deps: { db: Kysely<DB>; cipher: PiiCipher },
  principal: Principal,
  actor: AuditActor,
  input: z.output<typeof createEnterpriseSchema>,
): Promise<string> {
  const id = uuidv7();
  const districtCode = principal.districtCode;
  try {
    await runTransaction(deps.db, async (trx) => {
      const enterprises = createEnterpriseRepository(trx);
      const grid = await gridForEnterprise(trx, scopeFor(principal, 'enterprises:write'), input.gridId);
      await checkEnterpriseTags(trx, districtCode, input.tags);
      await ensureCreditCodeFree(enterprises, districtCode, input.creditCode);
      await enterprises.insert(districtCode, id, {
        grid_id: grid.id,
        region_path: grid.path,
        name: input.name,
        credit_code: input.creditCode,
        address: input.address,
        tags: input.tags,
        contact_name: input.contactName ?? null,
        ...sealPhone(deps.cipher, input.contactPhone),
        ...positionColumns(input.position ?? null),
      });
      await audit(trx, actor, {
        action: 'enterprise.created',
        result: 'success',
        objectType: 'enterprise',
        objectId: id,
        detail: {
          name: input.name,
          creditCode: input.creditCode,
          grid: grid.id,
          tags: input.tags,
          positioned: input.position != null,
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateCreditCode(input.creditCode);
    throw error;
  }
  return id;
}

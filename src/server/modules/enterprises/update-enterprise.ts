import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { updateEnterpriseSchema } from '../../../shared/domain/enterprise.ts';
import { positionColumns, positionOf, samePosition } from '../../../shared/map/position.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { writeEnterprise } from './enterprise-in-scope.ts';
import {
  checkEnterpriseTags,
  duplicateCreditCode,
  ensureCreditCodeFree,
  gridForEnterprise,
  sealPhone,
} from './enterprise-input.ts';
import type { EnterpriseValues } from './enterprises.repository.ts';
import { reachingLiaisons } from './liaison-scope.ts';

const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((tag, i) => tag === b[i]);

/**
 * Changes the fields given. The credit code may change only to one no other enterprise of the
 * district holds; a move to another grid must stay in the writer's scope, and drops the liaison
 * when their grant no longer reaches the new grid. The audit row names the fields that changed
 * (never the phone number itself).
 */
export async function updateEnterprise(
  deps: { db: Kysely<DB>; cipher: PiiCipher },
  principal: Principal,
  actor: AuditActor,
  id: string,
  change: z.output<typeof updateEnterpriseSchema>,
): Promise<void> {
  const districtCode = principal.districtCode;
  const writeScope = scopeFor(principal, 'enterprises:write');
  try {
    await writeEnterprise(deps.db, principal, 'enterprises:write', id, async (e, enterprises, trx) => {
      const values: Partial<EnterpriseValues> = {};
      const changed: string[] = [];
      const detail: Record<string, unknown> = {};
      let liaisonCleared = false;

      if (change.gridId !== undefined && change.gridId !== e.grid_id) {
        const grid = await gridForEnterprise(trx, writeScope, change.gridId);
        values.grid_id = grid.id;
        values.region_path = grid.path;
        changed.push('gridId');
        detail.grid = { before: e.grid_id, after: grid.id };
        if (
          e.liaison_user_id &&
          (await reachingLiaisons(enterprises, districtCode, grid.path, e.liaison_user_id)).length === 0
        ) {
          liaisonCleared = true;
        }
      }
      if (change.creditCode !== undefined && change.creditCode !== e.credit_code) {
        await ensureCreditCodeFree(enterprises, districtCode, change.creditCode);
        values.credit_code = change.creditCode;
        changed.push('creditCode');
        detail.creditCode = { before: e.credit_code, after: change.creditCode };
      }
      if (change.tags !== undefined && !sameTags(change.tags, e.tags)) {
        await checkEnterpriseTags(trx, districtCode, change.tags, e.tags);
        values.tags = change.tags;
        changed.push('tags');
        detail.tags = { before: e.tags, after: change.tags };
      }
      if (change.name !== undefined && change.name !== e.name) {
        values.name = change.name;
        changed.push('name');
      }
      if (change.address !== undefined && change.address !== e.address) {
        values.address = change.address;
        changed.push('address');
      }
      if (change.contactName !== undefined && change.contactName !== e.contact_name) {
        values.contact_name = change.contactName;
        changed.push('contactName');
      }
      if (change.contactPhone !== undefined) {
        const current = e.contact_phone_enc ? deps.cipher.decrypt(e.contact_phone_enc) : null;
        if (change.contactPhone !== current) {
          Object.assign(values, sealPhone(deps.cipher, change.contactPhone));
          changed.push('contactPhone');
        }
      }
      if (change.position !== undefined) {
        const before = positionOf(e);
        if (!samePosition(change.position, before)) {
          Object.assign(values, positionColumns(change.position));
          changed.push('position');
          detail.position = { before, after: change.position };
        }
      }
      if (changed.length === 0) return;

      await enterprises.update(districtCode, id, values);
      if (liaisonCleared) await enterprises.setLiaison(districtCode, id, null);
      await audit(trx, actor, {
        action: 'enterprise.updated',
        result: 'success',
        objectType: 'enterprise',
        objectId: id,
        detail: {
          changed,
          ...detail,
          ...(liaisonCleared ? { liaisonCleared: e.liaison_user_id } : {}),
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error) && change.creditCode) throw duplicateCreditCode(change.creditCode);
    throw error;
  }
}

import { positionColumns, positionOf } from '../../../shared/map/position.ts';
import { phoneLastFour } from '../../../shared/validation/mask.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { EnterpriseWrite, ExistingEnterprise } from './enterprise-import.repository.ts';
import { sealIfChanged } from './hashes.ts';
import type { ChangeCounts } from './import-run.ts';
import type { GridRow } from './imports.repository.ts';
import type { EnterpriseFields } from './validate-enterprise.ts';

/**
 * What one batch of enterprises changes, by credit code: identical rows are left alone and an
 * unchanged contact phone keeps its ciphertext, so the same file twice changes nothing.
 */
export interface ValidEnterprise {
  fields: EnterpriseFields;
  grid: GridRow;
  /** Undefined: the cell was empty, keep the liaison already assigned. */
  liaisonUserId: string | null | undefined;
  phoneHash: Buffer | null;
}

export interface EnterprisePlan {
  inserts: EnterpriseWrite[];
  updates: EnterpriseWrite[];
  counts: ChangeCounts;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

export function planEnterprises(
  batch: readonly ValidEnterprise[],
  existing: readonly ExistingEnterprise[],
  cipher: PiiCipher,
  newId: () => string,
): EnterprisePlan {
  const plan: EnterprisePlan = {
    inserts: [],
    updates: [],
    counts: { inserted: 0, updated: 0, unchanged: 0 },
  };
  const byCode = new Map(existing.map((e) => [e.credit_code, e]));
  for (const v of batch) {
    const f = v.fields;
    const before = byCode.get(f.creditCode);
    const phone = sealIfChanged(cipher, before?.contact_phone_hash ?? null, f.contactPhone, v.phoneHash);
    const row: EnterpriseWrite = {
      id: before?.id ?? newId(),
      grid_id: v.grid.id,
      region_path: v.grid.path,
      name: f.name,
      credit_code: f.creditCode,
      address: f.address,
      tags: f.tags.tags,
      contact_name: f.contactName,
      contact_phone_changed: phone.changed,
      contact_phone_enc: phone.enc,
      contact_phone_hash: phone.hash,
      contact_phone_last4: phone.changed ? phoneLastFour(f.contactPhone) : null,
      liaison_user_id: v.liaisonUserId === undefined ? (before?.liaison_user_id ?? null) : v.liaisonUserId,
      // Empty position cells keep what is recorded.
      ...positionColumns(f.position ?? (before ? positionOf(before) : null)),
    };
    if (!before) {
      plan.inserts.push(row);
      plan.counts.inserted++;
    } else if (
      phone.changed ||
      before.grid_id !== row.grid_id ||
      before.region_path !== row.region_path ||
      before.name !== row.name ||
      before.address !== row.address ||
      !sameList(before.tags, row.tags) ||
      before.contact_name !== row.contact_name ||
      before.liaison_user_id !== row.liaison_user_id ||
      before.latitude !== row.latitude ||
      before.longitude !== row.longitude
    ) {
      plan.updates.push(row);
      plan.counts.updated++;
    } else plan.counts.unchanged++;
  }
  return plan;
}

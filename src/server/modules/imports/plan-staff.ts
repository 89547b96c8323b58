import type { PiiCipher } from '../../crypto/pii.ts';
import { sealIfChanged } from './hashes.ts';
import type { ChangeCounts } from './import-run.ts';
import type { ExistingStaff, StaffWrite } from './staff-import.repository.ts';
import type { StaffFields } from './validate-staff.ts';

/**
 * What one batch of staff changes, by staff number: identical rows are left alone and an
 * unchanged phone keeps its ciphertext, so the same file twice changes nothing.
 */
export interface ValidStaff {
  fields: StaffFields;
  regionId: string;
  phoneHash: Buffer | null;
}

export interface StaffPlan {
  inserts: StaffWrite[];
  updates: StaffWrite[];
  counts: ChangeCounts;
}

export function planStaff(
  batch: readonly ValidStaff[],
  existing: readonly ExistingStaff[],
  cipher: PiiCipher,
  newId: () => string,
): StaffPlan {
  const plan: StaffPlan = { inserts: [], updates: [], counts: { inserted: 0, updated: 0, unchanged: 0 } };
  const byCode = new Map(existing.map((s) => [s.code, s]));
  for (const v of batch) {
    const f = v.fields;
    const before = byCode.get(f.code);
    const phone = sealIfChanged(cipher, before?.phone_hash ?? null, f.phone, v.phoneHash);
    const row: StaffWrite = {
      id: before?.id ?? newId(),
      code: f.code,
      region_id: v.regionId,
      name: f.name,
      post: f.post,
      phone_changed: phone.changed,
      phone_enc: phone.enc,
      phone_hash: phone.hash,
    };
    if (!before) {
      plan.inserts.push(row);
      plan.counts.inserted++;
    } else if (
      phone.changed ||
      before.region_id !== row.region_id ||
      before.name !== row.name ||
      before.post !== row.post
    ) {
      plan.updates.push(row);
      plan.counts.updated++;
    } else plan.counts.unchanged++;
  }
  return plan;
}

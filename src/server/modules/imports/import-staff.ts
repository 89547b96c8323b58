import path from 'node:path';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../../db/schema.ts';
import { writeInBatches } from './batches.ts';
import { chooseDistrict } from './choose-district.ts';
import { hashOf } from './hashes.ts';
import {
  auditedRun,
  DEFAULT_BATCH_SIZE,
  type ImportOptions,
  type ImportRun,
  restrictedDistrict,
} from './import-run.ts';
import { createImportsRepository } from './imports.repository.ts';
import { planStaff, type ValidStaff } from './plan-staff.ts';
import { readChecked } from './read-checked.ts';
import { reasons } from './reasons.ts';
import { detectFormat } from './source.ts';
import { STAFF_SHEET } from './staff-columns.ts';
import { createStaffImportRepository } from './staff-import.repository.ts';
import { checkStaffRow } from './validate-staff.ts';

/**
 * Imports staff (the people who visit: grid workers, social workers, cadres sent down, …) from
 * XLSX or CSV (format in staff-columns.ts), matched by staff number within the district. Each
 * belongs to a street, community, grid or micro-grid; re-importing the same file changes nothing.
 */
export function importStaff(db: Kysely<DB>, file: string, options: ImportOptions): Promise<ImportRun> {
  const fileName = options.fileName ?? path.basename(file);
  return auditedRun(db, 'staff', fileName, options, () => importStaffRows(db, file, fileName, options));
}

async function importStaffRows(
  db: Kysely<DB>,
  file: string,
  fileName: string,
  options: ImportOptions,
): Promise<ImportRun> {
  const started = performance.now();
  const format = options.format ?? detectFormat(file);
  const { rows, valid, log } = await readChecked(file, format, STAFF_SHEET, checkStaffRow, (f) => f.code);

  const regionCodes = [...new Set(valid.map((f) => f.regionCode))];
  const found = await createImportsRepository(db).findRegions(
    regionCodes,
    ['district', 'street', 'community', 'grid', 'micro_grid'],
    restrictedDistrict(options),
  );
  const districtCode = chooseDistrict(regionCodes, found);
  const regions = new Map(found.filter((r) => r.district_code === districtCode).map((r) => [r.code, r]));

  const ready: ValidStaff[] = [];
  for (const f of valid) {
    const region = regions.get(f.regionCode);
    if (!region) log.add(f.row, f.code, 'region_code', reasons.regionUnknown(f.regionCode));
    else if (region.level === 'district') log.add(f.row, f.code, 'region_code', reasons.regionLevel());
    else ready.push({ fields: f, regionId: region.id, phoneHash: null });
  }

  let counts = { inserted: 0, updated: 0, unchanged: 0 };
  let batchesWritten = 0;
  if (districtCode !== null && ready.length > 0) {
    const { cipher } = options;
    const written = await writeInBatches(db, {
      items: ready,
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      actor: { ...options.actor, districtCode },
      action: 'import.staff',
      objectType: 'staff',
      fileName,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      prepare(batch) {
        for (const v of batch) v.phoneHash = hashOf(cipher, v.fields.phone);
      },
      async plan(trx, batch) {
        const repo = createStaffImportRepository(trx);
        const existing = await repo.findByCodes(
          districtCode,
          batch.map((v) => v.fields.code),
        );
        const planned = planStaff(batch, existing, cipher, uuidv7);
        return {
          counts: { staff: planned.counts },
          async write() {
            await repo.insert(districtCode, planned.inserts);
            await repo.update(districtCode, planned.updates);
          },
        };
      },
    });
    counts = written.counts.staff ?? counts;
    batchesWritten = written.batchesWritten;
  }

  return {
    kind: 'staff',
    fileName,
    format,
    districtCode,
    rows,
    counts: { staff: { ...counts, rejected: log.rejectedRows.size } },
    issues: log.sorted(),
    batchesWritten,
    ms: Math.round(performance.now() - started),
  };
}

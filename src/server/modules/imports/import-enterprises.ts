import path from 'node:path';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../../db/schema.ts';
import { createTagRepository } from '../tags/tags.repository.ts';
import { writeInBatches } from './batches.ts';
import { chooseDistrict } from './choose-district.ts';
import { ENTERPRISE_SHEET } from './enterprise-columns.ts';
import { createEnterpriseImportRepository } from './enterprise-import.repository.ts';
import { hashOf } from './hashes.ts';
import {
  auditedRun,
  DEFAULT_BATCH_SIZE,
  type ImportOptions,
  type ImportRun,
  restrictedDistrict,
} from './import-run.ts';
import { createImportsRepository } from './imports.repository.ts';
import { planEnterprises, type ValidEnterprise } from './plan-enterprises.ts';
import { readChecked } from './read-checked.ts';
import { reasons } from './reasons.ts';
import { detectFormat } from './source.ts';
import { checkTagCell } from './tag-cell.ts';
import { checkEnterpriseRow } from './validate-enterprise.ts';

/**
 * Imports enterprises from XLSX or CSV (format in enterprise-columns.ts), matched by credit code.
 * Rows are checked on their own, then against the district: the grid exists, the tags are on the
 * district's enterprise list, the liaison is an active account with the liaison role. Valid rows
 * go in by batch (batches.ts); re-importing the same file changes nothing.
 */
export function importEnterprises(db: Kysely<DB>, file: string, options: ImportOptions): Promise<ImportRun> {
  const fileName = options.fileName ?? path.basename(file);
  return auditedRun(db, 'enterprises', fileName, options, () =>
    importEnterpriseRows(db, file, fileName, options),
  );
}

async function importEnterpriseRows(
  db: Kysely<DB>,
  file: string,
  fileName: string,
  options: ImportOptions,
): Promise<ImportRun> {
  const started = performance.now();
  const format = options.format ?? detectFormat(file);
  const { rows, valid, log } = await readChecked(
    file,
    format,
    ENTERPRISE_SHEET,
    checkEnterpriseRow,
    (f) => f.creditCode,
  );

  const gridCodes = [...new Set(valid.map((f) => f.gridCode))];
  const found = await createImportsRepository(db).findGrids(gridCodes, restrictedDistrict(options));
  const districtCode = chooseDistrict(gridCodes, found);
  const grids = new Map(found.filter((g) => g.district_code === districtCode).map((g) => [g.code, g]));

  const ready: ValidEnterprise[] = [];
  if (districtCode === null) {
    for (const f of valid) log.add(f.row, f.creditCode, 'grid_code', reasons.gridUnknown(f.gridCode));
  } else {
    const tagList = await createTagRepository(db).list(districtCode, 'enterprise');
    const usernames = [...new Set(valid.flatMap((f) => (f.liaisonUsername ? [f.liaisonUsername] : [])))];
    const accounts = new Map(
      (await createEnterpriseImportRepository(db).findLiaisonCandidates(districtCode, usernames)).map((u) => [
        u.username,
        u,
      ]),
    );
    for (const f of valid) {
      const before = log.issues.length;
      const grid = grids.get(f.gridCode);
      if (!grid) log.add(f.row, f.creditCode, 'grid_code', reasons.gridUnknown(f.gridCode));
      for (const problem of checkTagCell(tagList, 'enterprise', f.tags).problems) {
        log.add(f.row, f.creditCode, 'tags', problem);
      }
      let liaisonUserId: string | undefined;
      if (f.liaisonUsername !== null) {
        const account = accounts.get(f.liaisonUsername);
        const reason = !account
          ? reasons.liaisonUnknown(f.liaisonUsername)
          : !account.active
            ? reasons.liaisonInactive(f.liaisonUsername)
            : !account.is_liaison
              ? reasons.liaisonNotLiaison(f.liaisonUsername)
              : null;
        if (reason) log.add(f.row, f.creditCode, 'liaison_username', reason);
        else liaisonUserId = account?.id;
      }
      if (log.issues.length > before || !grid) continue;
      ready.push({ fields: f, grid, liaisonUserId, phoneHash: null });
    }
  }

  let counts = { inserted: 0, updated: 0, unchanged: 0 };
  let batchesWritten = 0;
  if (districtCode !== null && ready.length > 0) {
    const { cipher } = options;
    const written = await writeInBatches(db, {
      items: ready,
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      actor: { ...options.actor, districtCode },
      action: 'import.enterprises',
      objectType: 'enterprise',
      fileName,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      prepare(batch) {
        for (const v of batch) v.phoneHash = hashOf(cipher, v.fields.contactPhone);
      },
      async plan(trx, batch) {
        const repo = createEnterpriseImportRepository(trx);
        const existing = await repo.findByCreditCodes(
          districtCode,
          batch.map((v) => v.fields.creditCode),
        );
        const planned = planEnterprises(batch, existing, cipher, uuidv7);
        return {
          counts: { enterprises: planned.counts },
          async write() {
            await repo.insert(districtCode, planned.inserts);
            await repo.update(districtCode, planned.updates);
          },
        };
      },
    });
    counts = written.counts.enterprises ?? counts;
    batchesWritten = written.batchesWritten;
  }

  return {
    kind: 'enterprises',
    fileName,
    format,
    districtCode,
    rows,
    counts: { enterprises: { ...counts, rejected: log.rejectedRows.size } },
    issues: log.sorted(),
    batchesWritten,
    ms: Math.round(performance.now() - started),
  };
}

import path from 'node:path';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { TagDefinition } from '../../../shared/domain/tags.ts';
import type { DB } from '../../db/schema.ts';
import { createTagRepository } from '../tags/tags.repository.ts';
import { writeInBatches } from './batches.ts';
import { chooseDistrict } from './choose-district.ts';
import { collectRows, createIssueLog, rejectHousehold, reportRejectedHouseholds } from './collect-rows.ts';
import { DATA_SHEET } from './columns.ts';
import { hashOf } from './hashes.ts';
import {
  auditedRun,
  type ChangeCounts,
  DEFAULT_BATCH_SIZE,
  type ImportCounts,
  type ImportOptions,
  type ImportRun,
  restrictedDistrict,
} from './import-run.ts';
import { createImportsRepository } from './imports.repository.ts';
import { planBatch, type ValidHousehold } from './plan-batch.ts';
import { type Reason, reasons } from './reasons.ts';
import { detectFormat, type FileFormat, sheetRows } from './source.ts';
import { canonicalLevels, checkTagCell } from './tag-cell.ts';

export type { ImportFormat, ImportOptions } from './import-run.ts';

/**
 * Imports households with their members from an XLSX or CSV file (format in columns.ts).
 * Everything is read and checked first, so that a household with any rejected row is rejected
 * whole and never half-imported; then the valid households go in, a batch per transaction, each
 * with one audit row (batches.ts). Re-importing the same file changes nothing (plan-batch.ts).
 */

export interface ImportSummary extends ImportRun {
  format: FileFormat;
  households: ImportCounts;
  persons: ImportCounts;
}

/** The problems of each distinct tags cell, computed once: most households share a handful. */
function tagChecker(definitions: readonly TagDefinition[]) {
  const cache = new Map<string, { problems: Reason[]; isKey: boolean }>();
  return (tags: string[], levels: Record<string, string>) => {
    const key = `${tags.join('\u0000')}\u0001${canonicalLevels(levels)}`;
    let checked = cache.get(key);
    if (!checked) {
      checked = checkTagCell(definitions, 'household', { tags, levels });
      cache.set(key, checked);
    }
    return checked;
  };
}

export function importHouseholds(
  db: Kysely<DB>,
  file: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const fileName = options.fileName ?? path.basename(file);
  return auditedRun(db, 'households', fileName, options, () =>
    importHouseholdRows(db, file, fileName, options),
  );
}

async function importHouseholdRows(
  db: Kysely<DB>,
  file: string,
  fileName: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const format = options.format ?? detectFormat(file);
  const today = options.today ?? new Date();

  const collected = await collectRows(sheetRows(file, format, DATA_SHEET), today, progress);
  progress(
    `read ${collected.rows.toLocaleString('en')} rows, ${collected.households.size.toLocaleString('en')} households`,
  );

  // Grids: one query for the distinct codes, then the district they share.
  const codes = [
    ...new Set([...collected.households.values()].flatMap((h) => (h.fields ? [h.fields.gridCode] : []))),
  ];
  const found = await createImportsRepository(db).findGrids(codes, restrictedDistrict(options));
  const districtCode = chooseDistrict(codes, found);
  const grids = new Map(found.filter((g) => g.district_code === districtCode).map((g) => [g.code, g]));
  const checkTags =
    districtCode === null ? null : tagChecker(await createTagRepository(db).list(districtCode, 'household'));
  const log = createIssueLog(collected);
  // Every problem of a household is reported, also when another row already rejected it.
  for (const entry of collected.households.values()) {
    const fields = entry.fields;
    if (!fields) continue;
    if (!grids.has(fields.gridCode)) {
      log(entry.fieldsRow, entry.code, 'grid_code', reasons.gridUnknown(fields.gridCode));
      rejectHousehold(entry);
    }
    const tags = checkTags?.(fields.tags, fields.tagLevels);
    if (!tags) continue;
    for (const problem of tags.problems) log(entry.fieldsRow, entry.code, 'tags', problem);
    if (tags.problems.length > 0) rejectHousehold(entry);
    fields.isKey = tags.isKey;
  }
  reportRejectedHouseholds(collected);

  const valid: ValidHousehold[] = [];
  let rejectedHouseholds = 0;
  for (const entry of collected.households.values()) {
    if (entry.rejected || !entry.fields) {
      rejectedHouseholds++;
      continue;
    }
    valid.push({ code: entry.code, fields: entry.fields, members: entry.members });
  }
  collected.households.clear();

  const zero = (): ChangeCounts => ({ inserted: 0, updated: 0, unchanged: 0 });
  let written: { counts: Record<string, ChangeCounts>; batchesWritten: number } = {
    counts: {},
    batchesWritten: 0,
  };
  if (districtCode !== null) {
    const { cipher } = options;
    written = await writeInBatches(db, {
      items: valid,
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      actor: { ...options.actor, districtCode },
      action: 'import.households',
      objectType: 'household',
      fileName,
      onProgress: progress,
      ...(options.onWritten ? { onWritten: options.onWritten } : {}),
      // Keyed hashes are deterministic: computed once, outside the transaction.
      prepare(batch) {
        for (const h of batch) {
          for (const m of h.members) {
            m.idHash = hashOf(cipher, m.idNumber);
            m.phoneHash = hashOf(cipher, m.phone);
          }
        }
      },
      async plan(trx, batch) {
        const txRepo = createImportsRepository(trx);
        const existingHouseholds = await txRepo.findHouseholds(
          districtCode,
          batch.map((h) => h.code),
        );
        const hashes = batch.flatMap((h) => h.members.flatMap((m) => (m.idHash ? [m.idHash] : [])));
        const personsById = await txRepo.findPersonsByIdHash(districtCode, hashes);
        const needNoId = batch.some((h) => h.members.some((m) => m.idHash === null));
        const personsWithoutId = needNoId
          ? await txRepo.findPersonsWithoutId(
              districtCode,
              existingHouseholds.map((h) => h.id),
            )
          : [];
        const planned = planBatch(
          batch,
          grids,
          { households: existingHouseholds, personsById, personsWithoutId },
          cipher,
          uuidv7,
        );
        return {
          counts: { households: planned.households, persons: planned.persons },
          async write() {
            await txRepo.insertHouseholds(districtCode, planned.householdInserts);
            await txRepo.updateHouseholds(districtCode, planned.householdUpdates);
            await txRepo.insertPersons(districtCode, planned.personInserts);
            await txRepo.updatePersons(districtCode, planned.personUpdates);
          },
        };
      },
    });
  }

  const households = { ...(written.counts.households ?? zero()), rejected: rejectedHouseholds };
  const persons = { ...(written.counts.persons ?? zero()), rejected: collected.rejectedRows.size };
  return {
    kind: 'households',
    fileName,
    format,
    districtCode,
    rows: collected.rows,
    counts: { households, persons },
    households,
    persons,
    issues: collected.issues,
    batchesWritten: written.batchesWritten,
    ms: Math.round(performance.now() - started),
  };
}

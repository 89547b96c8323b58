import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { collectRows, createIssueLog, rejectHousehold, reportRejectedHouseholds } from './collect-rows.ts';
import type { SheetRow } from './header.ts';
import { importFileError } from './import-errors.ts';
import { createImportsRepository, type GridRow } from './imports.repository.ts';
import { type ChangeCounts, planBatch, type ValidHousehold } from './plan-batch.ts';
import { readCsvRows } from './read-csv.ts';
import { readXlsxRows } from './read-xlsx.ts';
import { type ImportIssue, reasons } from './reasons.ts';

/**
 * Imports households with their members from an XLSX or CSV file (format in columns.ts).
 * Everything is read and checked first, so that a household with any rejected row is rejected
 * whole and never half-imported; then the valid households go in, a batch per transaction, each
 * with one audit row. Re-importing the same file changes nothing (plan-batch.ts).
 */

export type ImportFormat = 'xlsx' | 'csv';

export interface ImportOptions {
  cipher: PiiCipher;
  /** Who imports; the audit row goes to the district of the file. */
  actor: Omit<AuditActor, 'districtCode'> & { districtCode?: string };
  /** Recorded in the audit log and the report; defaults to the file's base name. */
  fileName?: string;
  format?: ImportFormat;
  /** Only grids of this district are known (a signed-in user imports into their own district). */
  districtCode?: string;
  /** Households per transaction. */
  batchHouseholds?: number;
  /** Bounds birth dates; tests pass a fixed day. */
  today?: Date;
  onProgress?: (message: string) => void;
}

export interface ImportSummary {
  fileName: string;
  format: ImportFormat;
  /** The district the file's grids belong to; null when no grid code was known. */
  districtCode: string | null;
  /** Non-blank data rows read. */
  rows: number;
  households: ChangeCounts & { rejected: number };
  persons: ChangeCounts & { rejected: number };
  /** Every rejected row and why, in row order. */
  issues: ImportIssue[];
  /** Transactions that changed something (each wrote one audit row). */
  batchesWritten: number;
  ms: number;
}

const DEFAULT_BATCH_HOUSEHOLDS = 5_000;
const ZIP_MAGIC = Buffer.from('PK\u0003\u0004', 'latin1');

function detectFormat(file: string): ImportFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.csv') return 'csv';
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    head = Buffer.alloc(4);
    fs.readSync(fd, head, 0, 4, 0);
    fs.closeSync(fd);
  } catch (error) {
    throw importFileError(
      'file.unreadable',
      `Cannot open ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      error,
    );
  }
  if (head.equals(ZIP_MAGIC)) return 'xlsx';
  if (extension === '.xls') {
    throw importFileError('file.format', 'Old .xls workbooks are not read: save the file as .xlsx or .csv.');
  }
  return 'csv';
}

function rowsOf(file: string, format: ImportFormat): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? readXlsxRows(file) : readCsvRows(file);
}

/**
 * The district of the file: the one every known grid code belongs to. Grid codes are unique
 * within a district only, so a code may exist in several; a file whose codes have no district
 * in common mixes districts and is refused whole.
 */
function chooseDistrict(codes: string[], found: GridRow[]): string | null {
  const districtsOf = new Map<string, Set<string>>();
  for (const g of found) {
    let set = districtsOf.get(g.code);
    if (!set) {
      set = new Set();
      districtsOf.set(g.code, set);
    }
    set.add(g.district_code);
  }
  let common: Set<string> | undefined;
  for (const code of codes) {
    const districts = districtsOf.get(code);
    if (!districts) continue;
    const shared: Set<string> =
      common === undefined ? new Set(districts) : new Set([...common].filter((d) => districts.has(d)));
    if (shared.size === 0) {
      const other = found.find((g) => !districts.has(g.district_code));
      throw importFileError(
        'file.mixed_districts',
        `The file mixes districts: grid ${code} is in district ${[...districts].join('/')}` +
          (other ? `, grid ${other.code} in district ${other.district_code}` : '') +
          '. Import one district per file.',
      );
    }
    common = shared;
  }
  if (common === undefined) return null;
  if (common.size > 1) {
    throw importFileError(
      'file.ambiguous_district',
      `The grid codes exist in several districts (${[...common].join(', ')}); name the district to import into.`,
    );
  }
  return [...common][0] as string;
}

export async function importHouseholds(
  db: Kysely<DB>,
  file: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const format = options.format ?? detectFormat(file);
  const fileName = options.fileName ?? path.basename(file);
  const today = options.today ?? new Date();

  const collected = await collectRows(rowsOf(file, format), today, progress);
  progress(
    `read ${collected.rows.toLocaleString('en')} rows, ${collected.households.size.toLocaleString('en')} households`,
  );

  // Grids: one query for the distinct codes, then the district they share.
  const restrictTo = options.districtCode ?? options.actor.principal?.districtCode;
  const codes = [
    ...new Set([...collected.households.values()].flatMap((h) => (h.fields ? [h.fields.gridCode] : []))),
  ];
  const found = await createImportsRepository(db).findGrids(codes, restrictTo);
  const districtCode = chooseDistrict(codes, found);
  const grids = new Map(found.filter((g) => g.district_code === districtCode).map((g) => [g.code, g]));
  const log = createIssueLog(collected);
  for (const entry of collected.households.values()) {
    if (entry.fields && !grids.has(entry.fields.gridCode)) {
      log(entry.fieldsRow, entry.code, 'grid_code', reasons.gridUnknown(entry.fields.gridCode));
      rejectHousehold(entry);
    }
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

  const households = { inserted: 0, updated: 0, unchanged: 0, rejected: rejectedHouseholds };
  const persons = { inserted: 0, updated: 0, unchanged: 0, rejected: collected.rejectedRows.size };
  let batchesWritten = 0;
  const batchSize = options.batchHouseholds ?? DEFAULT_BATCH_HOUSEHOLDS;
  const batches = Math.ceil(valid.length / batchSize);
  if (districtCode !== null) {
    const { cipher } = options;
    const actor: AuditActor = { ...options.actor, districtCode };
    for (let b = 0; b < batches; b++) {
      const batch = valid.slice(b * batchSize, (b + 1) * batchSize);
      // Keyed hashes are deterministic: computed once, outside the transaction.
      for (const h of batch) {
        for (const m of h.members) {
          m.idHash = m.idNumber === null ? null : Buffer.from(cipher.hash(m.idNumber));
          m.phoneHash = m.phone === null ? null : Buffer.from(cipher.hash(m.phone));
        }
      }
      const plan = await runTransaction(db, async (trx) => {
        const repo = createImportsRepository(trx);
        const existingHouseholds = await repo.findHouseholds(
          districtCode,
          batch.map((h) => h.code),
        );
        const hashes = batch.flatMap((h) => h.members.flatMap((m) => (m.idHash ? [m.idHash] : [])));
        const personsById = await repo.findPersonsByIdHash(districtCode, hashes);
        const needNoId = batch.some((h) => h.members.some((m) => m.idHash === null));
        const personsWithoutId = needNoId
          ? await repo.findPersonsWithoutId(
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
        const changes =
          planned.householdInserts.length +
          planned.householdUpdates.length +
          planned.personInserts.length +
          planned.personUpdates.length;
        // No change, no audit row: re-importing the same file leaves the database as it was.
        if (changes === 0) return { planned, written: false };
        await repo.insertHouseholds(districtCode, planned.householdInserts);
        await repo.updateHouseholds(districtCode, planned.householdUpdates);
        await repo.insertPersons(districtCode, planned.personInserts);
        await repo.updatePersons(districtCode, planned.personUpdates);
        await audit(trx, actor, {
          action: 'import.households',
          result: 'success',
          objectType: 'household',
          detail: {
            file: fileName,
            batch: b + 1,
            batches,
            households: planned.households,
            persons: planned.persons,
          },
        });
        return { planned, written: true };
      });
      for (const key of ['inserted', 'updated', 'unchanged'] as const) {
        households[key] += plan.planned.households[key];
        persons[key] += plan.planned.persons[key];
      }
      if (plan.written) batchesWritten++;
      progress(
        `batch ${b + 1}/${batches}: households +${plan.planned.households.inserted} ~${plan.planned.households.updated}, ` +
          `persons +${plan.planned.persons.inserted} ~${plan.planned.persons.updated}`,
      );
    }
  }

  return {
    fileName,
    format,
    districtCode,
    rows: collected.rows,
    households,
    persons,
    issues: collected.issues,
    batchesWritten,
    ms: Math.round(performance.now() - started),
  };
}

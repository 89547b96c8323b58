import path from 'node:path';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { REGION_LEVELS } from '../../../shared/domain/region.ts';
import type { DB } from '../../db/schema.ts';
import { writeInBatches } from './batches.ts';
import { chooseDistrict } from './choose-district.ts';
import { HIERARCHY_SHEET } from './hierarchy-columns.ts';
import { importFileError } from './import-errors.ts';
import {
  auditedRun,
  DEFAULT_BATCH_SIZE,
  type ImportOptions,
  type ImportRun,
  restrictedDistrict,
} from './import-run.ts';
import { createImportsRepository } from './imports.repository.ts';
import { planRegions } from './plan-hierarchy.ts';
import { readChecked } from './read-checked.ts';
import { reasons } from './reasons.ts';
import { createRegionImportRepository } from './region-import.repository.ts';
import { detectFormat } from './source.ts';
import { checkRegionRow, effectiveParent, LEVEL_ORDER, type RegionFields } from './validate-region.ts';

/**
 * Imports the hierarchy (streets, communities and villages, grids, micro-grids; a district row
 * creates the district) from XLSX or CSV (format in hierarchy-columns.ts). Rows are checked on
 * their own first, then against the district, then parents first against the database, batch by
 * batch (batches.ts). Existing nodes are matched by code and may be renamed or reordered, never
 * moved or given another level; re-importing the same file changes nothing.
 */
export function importHierarchy(db: Kysely<DB>, file: string, options: ImportOptions): Promise<ImportRun> {
  const fileName = options.fileName ?? path.basename(file);
  return auditedRun(db, 'hierarchy', fileName, options, () => importRegionRows(db, file, fileName, options));
}

/**
 * The district the file is about: the restricted one; else the one its district row, street
 * codes and community codes name (more than one refuses the file); else the one where the
 * parents of its grids exist.
 */
async function fileDistrict(
  db: Kysely<DB>,
  rows: readonly RegionFields[],
  options: ImportOptions,
): Promise<string | null> {
  const restricted = restrictedDistrict(options);
  if (restricted !== undefined) return restricted;
  const named = new Set(
    rows.flatMap((r) =>
      r.level === 'district'
        ? [r.code]
        : r.level === 'street' || r.level === 'community'
          ? [r.code.slice(0, 6)]
          : [],
    ),
  );
  if (named.size > 1) {
    throw importFileError(
      'file.mixed_districts',
      `The file mixes districts (${[...named].sort().join(', ')}). Import one district per file.`,
    );
  }
  if (named.size === 1) return [...named][0] as string;
  const codes = [...new Set(rows.flatMap((r) => (r.parentCode ? [r.parentCode, r.code] : [r.code])))];
  const found = await createImportsRepository(db).findRegions(codes, REGION_LEVELS);
  return chooseDistrict(codes, found);
}

/** A district row for another district, or an official code that does not start with the district's. */
function outsideDistrict(r: RegionFields, districtCode: string): boolean {
  if (r.level === 'district') return r.code !== districtCode;
  if (r.level === 'street' || r.level === 'community') return !r.code.startsWith(districtCode);
  return false;
}

async function importRegionRows(
  db: Kysely<DB>,
  file: string,
  fileName: string,
  options: ImportOptions,
): Promise<ImportRun> {
  const started = performance.now();
  const format = options.format ?? detectFormat(file);
  const read = await readChecked(file, format, HIERARCHY_SHEET, checkRegionRow, (r) => r.code);
  const { log } = read;
  let valid = read.valid;

  const districtCode = await fileDistrict(db, valid, options);
  valid = valid.filter((r) => {
    if (districtCode === null) {
      log.add(r.row, r.code, 'parent_code', reasons.parentUnknown(r.parentCode ?? r.code.slice(0, 6)));
    } else if (outsideDistrict(r, districtCode)) {
      log.add(r.row, r.code, 'code', reasons.codeOtherDistrict(districtCode));
    } else return true;
    return false;
  });
  // Codes of the rows refused so far: a child whose parent is among them says so.
  const refused = new Set(log.issues.flatMap((issue) => (issue.key === null ? [] : [issue.key])));
  valid.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.row - b.row);

  let counts = { inserted: 0, updated: 0, unchanged: 0 };
  let batchesWritten = 0;
  if (districtCode !== null && valid.length > 0) {
    const written = await writeInBatches(db, {
      items: valid,
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      actor: { ...options.actor, districtCode },
      action: 'import.hierarchy',
      objectType: 'region',
      fileName,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      async plan(trx, batch) {
        const repo = createRegionImportRepository(trx);
        const codes = new Set<string>();
        for (const r of batch) {
          codes.add(r.code);
          const parent = effectiveParent(r, districtCode);
          if (parent !== null) codes.add(parent);
        }
        const existing = await repo.findByCodes(districtCode, [...codes]);
        const planned = planRegions(batch, existing, districtCode, refused, uuidv7);
        return {
          counts: { regions: planned.counts },
          issues: planned.issues,
          async write() {
            await repo.insert(districtCode, planned.inserts);
            await repo.update(districtCode, planned.updates);
          },
          committed() {
            for (const code of planned.rejectedCodes) refused.add(code);
          },
        };
      },
    });
    log.addAll(written.issues);
    counts = written.counts.regions ?? counts;
    batchesWritten = written.batchesWritten;
  }

  const regions = { ...counts, rejected: log.rejectedRows.size };
  return {
    kind: 'hierarchy',
    fileName,
    format,
    districtCode,
    rows: read.rows,
    counts: { regions },
    issues: log.sorted(),
    batchesWritten,
    ms: Math.round(performance.now() - started),
  };
}

import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { REGION_LEVELS } from '../../../shared/domain/region.ts';
import type { DB } from '../../db/schema.ts';
import { chooseDistrict } from './choose-district.ts';
import { HIERARCHY_SHEET } from './hierarchy-columns.ts';
import { importFileError } from './import-errors.ts';
import { type ImportOptions, type ImportRun, restrictedDistrict } from './import-run.ts';
import { createImportsRepository } from './imports.repository.ts';
import { planRegions } from './plan-hierarchy.ts';
import { reasons } from './reasons.ts';
import { importRecords, type ResolvedRecords, upsertPlan } from './record-import.ts';
import { createRegionImportRepository } from './region-import.repository.ts';
import { checkRegionRow, effectiveParent, LEVEL_ORDER, type RegionFields } from './validate-region.ts';

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

/**
 * Imports the hierarchy (streets, communities and villages, grids, micro-grids; a district row
 * creates the district) from XLSX or CSV (format in hierarchy-columns.ts). Rows are checked on
 * their own first, then against the district, then parents first against the database, batch by
 * batch (batches.ts). Existing nodes are matched by code and may be renamed or reordered, never
 * moved or given another level; re-importing the same file changes nothing.
 */
export function importHierarchy(db: Kysely<DB>, file: string, options: ImportOptions): Promise<ImportRun> {
  return importRecords(db, file, options, {
    kind: 'hierarchy',
    sheet: HIERARCHY_SHEET,
    check: checkRegionRow,
    keyOf: (r) => r.code,
    recordType: 'regions',
    objectType: 'region',
    async resolve(rows, log): Promise<ResolvedRecords<RegionFields>> {
      const districtCode = await fileDistrict(db, rows, options);
      const valid = rows.filter((r) => {
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

      return {
        districtCode,
        ready: valid,
        async plan(trx, district, batch) {
          const repo = createRegionImportRepository(trx);
          const codes = new Set<string>();
          for (const r of batch) {
            codes.add(r.code);
            const parent = effectiveParent(r, district);
            if (parent !== null) codes.add(parent);
          }
          const existing = await repo.findByCodes(district, [...codes]);
          const planned = planRegions(batch, existing, district, refused, uuidv7);
          return {
            ...upsertPlan('regions', repo, district, planned),
            issues: planned.issues,
            committed() {
              for (const code of planned.rejectedCodes) refused.add(code);
            },
          };
        },
      };
    },
  });
}

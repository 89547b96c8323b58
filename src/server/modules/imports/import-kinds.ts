import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { HOUSEHOLD_SHEET } from './columns.ts';
import { ENTERPRISE_SHEET } from './enterprise-columns.ts';
import { HIERARCHY_SHEET } from './hierarchy-columns.ts';
import { importEnterprises } from './import-enterprises.ts';
import { importHierarchy } from './import-hierarchy.ts';
import { importHouseholds } from './import-households.ts';
import {
  type ImportKind,
  type ImportOptions,
  type ImportResult,
  type ImportRun,
  resultOf,
} from './import-run.ts';
import { importStaff } from './import-staff.ts';
import { writeReport } from './report.ts';
import type { SheetSpec } from './sheet-spec.ts';
import { STAFF_SHEET } from './staff-columns.ts';
import { writeTemplate } from './template.ts';

export {
  IMPORT_KINDS,
  type ImportCounts,
  type ImportKind,
  type ImportOptions,
  type ImportResult,
} from './import-run.ts';

export interface ImportKindHandler {
  /**
   * Imports `file`; `writeReport` writes the validation report workbook of this run. Every run
   * leaves one `import.run` audit row (plus one per batch that changed data); a file that cannot
   * be read or has the wrong header rejects with an AppError (VALIDATION_FAILED, reason `file.*`).
   */
  run(
    db: Kysely<DB>,
    file: string,
    options: ImportOptions,
  ): Promise<{ result: ImportResult; writeReport(file: string): Promise<void> }>;
  /** The template with instructions and an example row that imports into the demo street. */
  writeTemplate(stream: Writable): Promise<void>;
  /** A file name to offer for the template download. */
  templateFileName: string;
  /** The data sheet an XLSX file must have (住户成员, 区域, 企业, 人员). */
  sheet: string;
}

function handler<K extends string>(
  kind: ImportKind,
  spec: SheetSpec<K>,
  importFile: (db: Kysely<DB>, file: string, options: ImportOptions) => Promise<ImportRun>,
): ImportKindHandler {
  return {
    async run(db, file, options) {
      const run = await importFile(db, file, options);
      return { result: resultOf(kind, run), writeReport: (reportFile) => writeReport(reportFile, spec, run) };
    },
    writeTemplate: (stream) => writeTemplate(stream, spec),
    templateFileName: `minqing-import-${kind}.xlsx`,
    sheet: spec.sheet,
  };
}

/** The importers by kind: the CLI and the web upload both go through this table. */
export const IMPORTERS: Record<ImportKind, ImportKindHandler> = {
  hierarchy: handler('hierarchy', HIERARCHY_SHEET, importHierarchy),
  households: handler('households', HOUSEHOLD_SHEET, importHouseholds),
  enterprises: handler('enterprises', ENTERPRISE_SHEET, importEnterprises),
  staff: handler('staff', STAFF_SHEET, importStaff),
};

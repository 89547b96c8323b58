import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type ImportOptions, importHouseholds } from './import-households.ts';
import { writeReport } from './report.ts';
import { writeTemplate } from './template.ts';

/** What can be imported, in the order a new district loads it (grids before the households in them). */
export const IMPORT_KINDS = ['hierarchy', 'households', 'enterprises', 'staff'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** One import's outcome in the same shape for every kind (the CLI prints it, the web shows it). */
export interface ImportResult {
  kind: ImportKind;
  fileName: string;
  districtCode: string | null;
  /** Non-blank data rows read. */
  rows: number;
  /** Counts per record type, e.g. { households: …, persons: … }. */
  counts: Record<string, ImportCounts>;
  /** Rejected rows named in the report. */
  issueCount: number;
  ms: number;
}

export interface ImportKindHandler {
  /** Imports `file`; `writeReport` writes the validation report workbook of this run. */
  run(
    db: Kysely<DB>,
    file: string,
    options: ImportOptions,
  ): Promise<{ result: ImportResult; writeReport(file: string): Promise<void> }>;
  /** The template with instructions and an example row. */
  writeTemplate(stream: Writable): Promise<void>;
}

/** The importers by kind: the CLI and the web upload both go through this table. */
export const IMPORTERS: Partial<Record<ImportKind, ImportKindHandler>> = {
  households: {
    async run(db, file, options) {
      const summary = await importHouseholds(db, file, options);
      return {
        result: {
          kind: 'households',
          fileName: summary.fileName,
          districtCode: summary.districtCode,
          rows: summary.rows,
          counts: { households: summary.households, persons: summary.persons },
          issueCount: summary.issues.length,
          ms: summary.ms,
        },
        writeReport: (reportFile) => writeReport(reportFile, summary),
      };
    },
    writeTemplate: (stream) => writeTemplate(stream),
  },
};

import type { Kysely } from 'kysely';
import type { TransferKind } from '../../../shared/domain/transfer.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { DB } from '../../db/schema.ts';
import { enterprisesExport } from './enterprises-export.ts';
import type { ExportFilter } from './exports.repository.ts';
import { hierarchyExport } from './hierarchy-export.ts';
import { householdsExport } from './households-export.ts';
import { staffExport } from './staff-export.ts';
import type { ExportCell, ExportSheet } from './write-workbook.ts';

/** How the rows of an export are read: personal fields in full only when `reveal` is set. */
export interface ExportSource {
  db: Kysely<DB>;
  cipher: PiiCipher;
  filter: ExportFilter;
  reveal: boolean;
}

/**
 * One exportable kind: its sheet is the import template's sheet with the same headers, so an
 * export re-imports unchanged (given the personal fields in full; masked values are refused by
 * the importer's validation, so a masked file re-imported changes nothing).
 */
export interface ExportDefinition {
  kind: TransferKind;
  /** Names the downloaded file, e.g. 住户成员-宁围街道-20261122.xlsx. */
  label: string;
  sheet: ExportSheet;
  /** The rows the export will write, counted before it starts (for the audit row). */
  count(source: ExportSource): Promise<number>;
  rows(source: ExportSource): AsyncGenerator<ExportCell[]>;
}

/** The exportable kinds: each one the importer of the same kind reads back. */
export const EXPORTERS: Record<TransferKind, ExportDefinition> = {
  hierarchy: hierarchyExport,
  households: householdsExport,
  enterprises: enterprisesExport,
  staff: staffExport,
};

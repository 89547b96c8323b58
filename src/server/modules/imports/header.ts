import { COLUMN_KEYS, COLUMNS, type ColumnKey } from './columns.ts';
import { importFileError } from './import-errors.ts';
import { type CellValue, cellText, type RowCells } from './validate-row.ts';

/** A row as a reader delivers it: its number in the sheet (header = 1) and its cells by position. */
export interface SheetRow {
  number: number;
  values: CellValue[];
}

export type ColumnPositions = Record<ColumnKey, number>;

/**
 * Where each column is, from the header row. Columns may come in any order and extra columns
 * (a 备注 the office added) are ignored; a missing or repeated header refuses the file, because
 * the rows could not be read reliably.
 */
export function mapHeader(row: SheetRow): ColumnPositions {
  const byHeader = new Map<string, number>();
  const repeated = new Set<string>();
  row.values.forEach((value, position) => {
    // Excel users sometimes mark required headers with an asterisk: 姓名*.
    const text = cellText(value).replace(/[*＊]$/, '');
    if (text === '') return;
    if (byHeader.has(text)) repeated.add(text);
    byHeader.set(text, position);
  });
  const missing = COLUMN_KEYS.filter((k) => !byHeader.has(COLUMNS[k].header)).map((k) => COLUMNS[k].header);
  if (missing.length > 0) {
    throw importFileError(
      'file.header',
      `The header row (row ${row.number}) lacks the column(s) ${missing.join('、')}; use the template (minqing import template).`,
    );
  }
  const twice = COLUMN_KEYS.map((k) => COLUMNS[k].header).filter((h) => repeated.has(h));
  if (twice.length > 0) {
    throw importFileError('file.header', `The header row repeats the column(s) ${twice.join('、')}.`);
  }
  return Object.fromEntries(
    COLUMN_KEYS.map((k) => [k, byHeader.get(COLUMNS[k].header) as number]),
  ) as ColumnPositions;
}

export function rowCells(row: SheetRow, positions: ColumnPositions): RowCells {
  const cells = {} as RowCells;
  for (const key of COLUMN_KEYS) cells[key] = row.values[positions[key]] ?? null;
  return cells;
}

export function isBlankRow(row: SheetRow): boolean {
  return row.values.every((v) => cellText(v ?? null) === '');
}

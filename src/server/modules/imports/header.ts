import { type CellValue, cellText } from './cells.ts';
import { importFileError } from './import-errors.ts';
import type { SheetSpec } from './sheet-spec.ts';

/** A row as a reader delivers it: its number in the sheet (header = 1) and its cells by position. */
export interface SheetRow {
  number: number;
  values: CellValue[];
}

export type ColumnPositions<K extends string = string> = Record<K, number>;

/**
 * Where each column is, from the header row. Columns may come in any order and extra columns
 * (a 备注 the office added) are ignored; a missing or repeated header refuses the file, because
 * the rows could not be read reliably.
 */
export function mapHeader<K extends string>(row: SheetRow, spec: SheetSpec<K>): ColumnPositions<K> {
  const byHeader = new Map<string, number>();
  const repeated = new Set<string>();
  row.values.forEach((value, position) => {
    // Excel users sometimes mark required headers with an asterisk: 姓名*.
    const text = cellText(value).replace(/[*＊]$/, '');
    if (text === '') return;
    if (byHeader.has(text)) repeated.add(text);
    byHeader.set(text, position);
  });
  const headers = spec.keys.map((k) => spec.columns[k].header);
  const missing = spec.keys
    .filter((k) => !spec.columns[k].mayBeAbsent)
    .map((k) => spec.columns[k].header)
    .filter((h) => !byHeader.has(h));
  if (missing.length > 0) {
    throw importFileError(
      'file.header',
      `The header row (row ${row.number}) lacks the column(s) ${missing.join('、')}; use the template (minqing import template).`,
    );
  }
  const twice = headers.filter((h) => repeated.has(h));
  if (twice.length > 0) {
    throw importFileError('file.header', `The header row repeats the column(s) ${twice.join('、')}.`);
  }
  // An absent optional column reads as empty: no cell sits at position -1.
  return Object.fromEntries(
    spec.keys.map((k) => [k, byHeader.get(spec.columns[k].header) ?? -1]),
  ) as ColumnPositions<K>;
}

export function rowCells<K extends string>(
  row: SheetRow,
  positions: ColumnPositions<K>,
  keys: readonly K[],
): Record<K, CellValue> {
  const cells = {} as Record<K, CellValue>;
  for (const key of keys) cells[key] = row.values[positions[key]] ?? null;
  return cells;
}

export function isBlankRow(row: SheetRow): boolean {
  return row.values.every((v) => cellText(v ?? null) === '');
}

/** The data rows of a sheet with their cells by column key; blank rows are skipped. */
export async function* dataRows<K extends string>(
  source: AsyncIterable<SheetRow>,
  spec: SheetSpec<K>,
): AsyncGenerator<{ row: number; cells: Record<K, CellValue> }> {
  let positions: ColumnPositions<K> | undefined;
  for await (const sheetRow of source) {
    if (isBlankRow(sheetRow)) continue;
    if (!positions) {
      positions = mapHeader(sheetRow, spec);
      continue;
    }
    yield { row: sheetRow.number, cells: rowCells(sheetRow, positions, spec.keys) };
  }
  if (!positions) throw importFileError('file.header', 'The file is empty: it has no header row.');
}

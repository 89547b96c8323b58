import { type CellValue, type RowProblem, repeatedValues } from './cells.ts';
import { dataRows } from './header.ts';
import { createIssueLog, type IssueLog } from './issue-log.ts';
import { reasons } from './reasons.ts';
import type { SheetSpec } from './sheet-spec.ts';
import { type FileFormat, sheetRows } from './source.ts';

/**
 * The reading phase of a one-row-per-record import: every data row checked on its own, its
 * problems logged, the valid ones kept; then every row whose key occurs twice in the file
 * refused (which of the two is right cannot be told).
 */
export async function readChecked<K extends string, F extends { row: number }>(
  file: string,
  format: FileFormat,
  spec: SheetSpec<K>,
  check: (
    row: number,
    cells: Record<K, CellValue>,
  ) => { key: string | null; fields: F | null; problems: RowProblem[] },
  keyOf: (fields: F) => string,
): Promise<{ rows: number; valid: F[]; log: IssueLog }> {
  const log = createIssueLog(spec);
  let rows = 0;
  const checked: F[] = [];
  for await (const { row, cells } of dataRows(sheetRows(file, format, spec.sheet), spec)) {
    rows++;
    const result = check(row, cells);
    for (const p of result.problems) log.add(row, result.key, p.column, p);
    if (result.fields) checked.push(result.fields);
  }
  const repeated = repeatedValues(checked, keyOf);
  const keyColumn = spec.columns[spec.keyColumn];
  for (const [key, at] of repeated) {
    for (const row of at) log.add(row, key, keyColumn.key, reasons.duplicateInFile(keyColumn, at));
  }
  return { rows, valid: checked.filter((f) => !repeated.has(keyOf(f))), log };
}

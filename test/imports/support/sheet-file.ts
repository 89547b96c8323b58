import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { SheetSpec } from '../../../src/server/modules/imports/sheet-spec.ts';

/** Import files of any kind, written from rows keyed by column (missing keys are empty cells). */
export type SheetRows<K extends string> = Partial<Record<K, string | number | null>>[];

const cellsOf = <K extends string>(spec: SheetSpec<K>, row: Partial<Record<K, string | number | null>>) =>
  spec.keys.map((k) => row[k] ?? null);

/** The kind's sheet (header row first) written by ExcelJS's streaming writer, as Excel would. */
export async function writeSheetXlsx<K extends string>(
  file: string,
  spec: SheetSpec<K>,
  rows: SheetRows<K>,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet(spec.sheet);
  sheet.addRow(spec.keys.map((k) => spec.columns[k].header)).commit();
  for (const row of rows) sheet.addRow(cellsOf(spec, row)).commit();
  sheet.commit();
  await workbook.commit();
}

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The same as RFC 4180 CSV, UTF-8 with a BOM (as Excel saves it). */
export function writeSheetCsv<K extends string>(file: string, spec: SheetSpec<K>, rows: SheetRows<K>): void {
  const lines = [spec.keys.map((k) => csvField(spec.columns[k].header)).join(',')];
  for (const row of rows) lines.push(cellsOf(spec, row).map(csvField).join(','));
  fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
}

/** The sheet row of the i-th data row (the header is row 1). */
export const sheetRow = (index: number) => index + 2;

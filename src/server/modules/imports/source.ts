import fs from 'node:fs';
import path from 'node:path';
import type { SheetRow } from './header.ts';
import { importFileError } from './import-errors.ts';
import { readCsvRows } from './read-csv.ts';
import { readXlsxRows } from './read-xlsx.ts';

/** XLSX or CSV, from the extension, else from the first bytes (a workbook is a ZIP archive). */
export type FileFormat = 'xlsx' | 'csv';

const ZIP_MAGIC = Buffer.from('PK\u0003\u0004', 'latin1');

export function detectFormat(file: string): FileFormat {
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

/** The rows of the named sheet of a workbook, or of a CSV file. */
export function sheetRows(file: string, format: FileFormat, sheet: string): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? readXlsxRows(file, sheet) : readCsvRows(file);
}

// Loaded when a workbook is made or read: ExcelJS alone took most of a second of each start-up.
import type ExcelJS from 'exceljs';
import type { CellValue } from './cells.ts';
import type { SheetRow } from './header.ts';
import { importFileError } from './import-errors.ts';
import { openNormalisedXlsx, ZipFormatError } from './zip-entries.ts';

/**
 * The rows of one named sheet (`住户成员`, `企业`, …), streamed with ExcelJS's WorkbookReader so that a street's
 * 200,000 rows never sit in memory as a workbook. Shared strings are cached (they come before
 * the sheet, see zip-entries.ts) and styles too, which is what turns date-formatted numbers into
 * Date values.
 */

/** Rich text, formulas and hyperlinks reduced to the value a person sees in the cell. */
function plainValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text?: string }[];
      result?: unknown;
      formula?: string;
      text?: unknown;
      error?: string;
    };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('formula' in v || 'sharedFormula' in v) return plainValue(v.result);
    if ('text' in v) return plainValue(v.text);
    if ('error' in v) return null;
  }
  return null;
}

function toSheetRow(row: ExcelJS.Row): SheetRow {
  const raw = row.values as unknown[];
  const values: CellValue[] = [];
  // ExcelJS's values are 1-based and sparse.
  for (let i = 1; i < raw.length; i++) values.push(plainValue(raw[i]));
  return { number: row.number, values };
}

function unreadable(file: string, error: unknown): Error {
  const detail = error instanceof Error ? error.message : String(error);
  return importFileError('file.unreadable', `Cannot read ${file} as an XLSX workbook: ${detail}`, error);
}

/** `sheetName` null reads the first sheet (files exported by other systems name theirs freely). */
export async function* readXlsxRows(file: string, sheetName: string | null): AsyncGenerator<SheetRow> {
  let input: Awaited<ReturnType<typeof openNormalisedXlsx>>;
  try {
    input = await openNormalisedXlsx(file);
  } catch (error) {
    if (error instanceof ZipFormatError) throw unreadable(file, error);
    throw importFileError(
      'file.unreadable',
      `Cannot open ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      error,
    );
  }
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const seen: string[] = [];
  let found = false;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name ?? '';
      seen.push(name);
      if (sheetName !== null && name.trim() !== sheetName) continue;
      found = true;
      for await (const row of worksheet) yield toSheetRow(row);
      break;
    }
  } catch (error) {
    throw unreadable(file, error);
  } finally {
    input.destroy();
  }
  if (!found) {
    throw importFileError(
      'file.sheet_missing',
      `The workbook has no sheet named ${sheetName} (found: ${seen.join(', ') || 'none'}).`,
    );
  }
}

import type { PassThrough, Writable } from 'node:stream';
// Loaded when a workbook is made or read: ExcelJS alone took most of a second of each start-up.
import type ExcelJS from 'exceljs';
import type { FastifyBaseLogger } from 'fastify';
import { streamedBody } from '../../http/attachment.ts';
import type { RunProgress } from '../progress/progress.ts';

/**
 * Writes one sheet as an XLSX straight into `out` with ExcelJS's streaming writer: rows are
 * committed as they come and never held as a workbook, and the writer waits whenever `out` is
 * full (a slow download), so memory stays bounded by a page of rows whatever the export's size.
 */

export type ExportCell = string | number | null;

export interface ExportColumn {
  header: string;
  width: number;
  /** Text-formatted in Excel, so ID numbers and codes keep every digit when a user edits the file. */
  text?: boolean;
}

export interface ExportSheet {
  name: string;
  columns: readonly ExportColumn[];
}

export class ExportAbortedError extends Error {
  constructor() {
    super('The export was aborted: its destination closed.');
    this.name = 'ExportAbortedError';
  }
}

/**
 * The progress of the workbooks being written, by the body they are written into: the writer
 * reports rows through it, so each kind's export reports its progress without knowing of it.
 */
const rowReporters = new WeakMap<Writable, (rows: number) => Promise<void>>();

/**
 * A workbook written while the client downloads it; a failure is logged unless the client went
 * away. With `progress`, its run moves on with the rows written and ends with the workbook.
 * Progress is only shown: a run that cannot be moved never stops the download (it goes stale).
 */
export function workbookBody(
  log: FastifyBaseLogger,
  write: (out: Writable) => Promise<unknown>,
  progress?: { run: RunProgress; total: number },
): PassThrough {
  return streamedBody(
    async (out) => {
      if (progress) {
        rowReporters.set(out, (rows) => progress.run.written(rows, progress.total).catch(() => {}));
      }
      const written = await write(out);
      await progress?.run.done().catch(() => {});
      return written;
    },
    (error) => {
      progress?.run.failed(error).catch(() => {});
      if (!(error instanceof ExportAbortedError)) log.error({ err: error }, 'export failed');
    },
  );
}

const PLAIN: Partial<ExcelJS.Style> = {};

// How often the writer checks for back-pressure (rows), lets I/O run and reports its progress.
const CHECK_EVERY = 500;

/** Resolves once `out` can take more; rejects when it is closed or failed first. */
function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new ExportAbortedError());
  if (!out.writableNeedDrain) return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve, reject) => {
    const done = (error?: unknown) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new ExportAbortedError());
    const onError = (error: Error) => done(error);
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onError);
  });
}

/** Streams `rows` into `out` as the workbook's only sheet; resolves with the number of data rows. */
export async function writeWorkbook(
  out: Writable,
  sheet: ExportSheet,
  rows: AsyncIterable<ExportCell[]> | Iterable<ExportCell[]>,
): Promise<number> {
  const [count] = await writeWorkbookSheets(out, [{ sheet, rows }]);
  return count ?? 0;
}

/** As `writeWorkbook`, one sheet after another (a report pack); resolves with each sheet's row count. */
export async function writeWorkbookSheets(
  out: Writable,
  sheets: readonly { sheet: ExportSheet; rows: AsyncIterable<ExportCell[]> | Iterable<ExportCell[]> }[],
): Promise<number[]> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  workbook.creator = 'MinQing';
  const report = rowReporters.get(out);
  const counts: number[] = [];
  let before = 0;
  for (const { sheet, rows } of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((c, i) => ({
      key: String(i),
      header: c.header,
      width: c.width,
      ...(c.text ? { style: { numFmt: '@' } } : {}),
    }));
    const header = worksheet.getRow(1);
    header.font = { bold: true };
    header.commit();
    // The first commit wrote the columns with their text format: Excel gives it to whatever is
    // typed into them later. The values written here are strings already and need no style of
    // their own: every cell shares one empty style object, which ExcelJS resolves once and then
    // finds by identity (a fresh object per cell cost a style lookup each, a tenth of the time).
    for (const column of worksheet.columns) column.style = {};
    let count = 0;
    for await (const values of rows) {
      const row = worksheet.addRow(values);
      row.eachCell((cell) => {
        cell.style = PLAIN;
      });
      row.commit();
      count++;
      if (count % CHECK_EVERY === 0) {
        await report?.(before + count);
        await drained(out);
      }
    }
    worksheet.commit();
    counts.push(count);
    before += count;
  }
  await report?.(before);
  await workbook.commit();
  return counts;
}

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { HotlineImportReport } from '../../../shared/domain/hotline.ts';
import { HOTLINE_COLUMNS, HOTLINE_FIELDS, type HotlineField } from '../../../shared/hotline/hotline-order.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { DB } from '../../db/schema.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { type CellValue, cellText } from '../imports/cells.ts';
import { dataRows } from '../imports/header.ts';
import { importFileError } from '../imports/import-errors.ts';
import { readCsvRows } from '../imports/read-csv.ts';
import { readXlsxRows } from '../imports/read-xlsx.ts';
import { defineColumns, type SheetSpec } from '../imports/sheet-spec.ts';
import { detectFormat } from '../imports/source.ts';
import { type RawOrder, routingNames, takeInOrder } from './take-in-order.ts';

/** Only the order number and the call's time and content are needed; the rest may be missing. */
const REQUIRED: ReadonlySet<HotlineField> = new Set(['orderNumber', 'receivedAt', 'content']);

/** The platforms' export layout as an import sheet (header mapping as every import does it). */
const SPEC: SheetSpec<HotlineField> = {
  sheet: '工单',
  keys: HOTLINE_FIELDS,
  columns: defineColumns(
    Object.fromEntries(
      HOTLINE_FIELDS.map((k) => [
        k,
        {
          header: HOTLINE_COLUMNS[k],
          required: REQUIRED.has(k),
          mayBeAbsent: !REQUIRED.has(k),
          zh: HOTLINE_COLUMNS[k],
          en: k,
        },
      ]),
    ) as Record<
      HotlineField,
      { header: string; required: boolean; mayBeAbsent: boolean; zh: string; en: string }
    >,
  ),
  keyColumn: 'orderNumber',
  textColumns: ['orderNumber', 'phone'],
  widths: {},
  lists: {},
  examples: [],
  notes: [],
};

const raw = (v: CellValue): string | Date | null => (v instanceof Date ? v : cellText(v));

/**
 * A file the 12345 platform exported (XLSX, its first sheet, or CSV in UTF-8 or GB18030), read
 * with the imports' readers, each row taken in as its own case (or found taken in already, or
 * refused with its reason) and reported row by row. Rows are independent: one refused row does
 * not stop the others, and importing the same file again creates nothing.
 */
export async function importOrders(
  db: Kysely<DB>,
  options: {
    cipher: PiiCipher;
    principal: Principal;
    sourceIp: string | null;
    body: Buffer | undefined;
    now: Date;
  },
): Promise<HotlineImportReport> {
  const { body, principal } = options;
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw importFileError('file.unreadable', 'The upload is empty: send the file as the request body.');
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'minqing-hotline-'));
  const report: HotlineImportReport = { counts: { created: 0, existing: 0, refused: 0 }, rows: [] };
  try {
    const file = path.join(dir, 'orders');
    await fs.writeFile(file, body, { mode: 0o600 });
    const source = detectFormat(file) === 'xlsx' ? readXlsxRows(file, null) : readCsvRows(file);
    const ctx = {
      db,
      cipher: options.cipher,
      districtCode: principal.districtCode,
      source: 'import' as const,
      by: { id: principal.userId, name: principal.displayName },
      audit: actorOf(principal, options.sourceIp),
      now: options.now,
      names: await routingNames(db, principal.districtCode),
    };
    for await (const { row, cells } of dataRows(source, SPEC)) {
      const order = Object.fromEntries(HOTLINE_FIELDS.map((k) => [k, raw(cells[k])])) as RawOrder;
      const result = await takeInOrder(ctx, order);
      report.counts[result.outcome]++;
      report.rows.push({ row, ...result });
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  return report;
}

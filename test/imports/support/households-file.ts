import fs from 'node:fs';
import ExcelJS from 'exceljs';
import {
  COLUMN_KEYS,
  COLUMNS,
  type ColumnKey,
  DATA_SHEET,
} from '../../../src/server/modules/imports/columns.ts';
import { ningweiTerritory } from '../../../src/server/seed/divisions.ts';
import { generateDistrict } from '../../../src/server/seed/generate.ts';
import { createIdFactory } from '../../../src/server/seed/ids.ts';
import { scalePlan } from '../../../src/server/seed/scales.ts';
import { DEFAULT_SEED } from '../../../src/server/seed/seed.ts';

/**
 * Import files built from the seeder's generator (the same households `seed --scale street`
 * makes, in plain text), for tests and the import benchmark.
 */
type PositionKey = 'latitude' | 'longitude';
/** The 纬度/经度 columns may be left out, as files written before them do. */
export type ImportRow = Record<Exclude<ColumnKey, PositionKey>, string | Date | null> &
  Partial<Record<PositionKey, string | Date | null>>;

/**
 * The seeder writes levelled tags (残疾) without a level; an import needs one. A level from the
 * household code keeps the file deterministic.
 */
const withLevel = (code: string) => (tag: string) =>
  tag === '残疾' ? `${tag}(${1 + ([...code].reduce((s, c) => s + c.charCodeAt(0), 0) % 4)})` : tag;

/** The rows of the street's first `households` households (all 70,000 when omitted). */
export function* generatedRows(households?: number, seed = DEFAULT_SEED): Generator<ImportRow> {
  const plan = scalePlan('street', { households });
  const [division] = ningweiTerritory();
  if (!division) throw new Error('no territory');
  const generated = generateDistrict(division, plan.sizes(0), seed, createIdFactory(seed, 0));
  const gridCode = new Map(generated.plan.grids.map((g) => [g.region.id, g.region.code]));
  for (const batch of generated.batches()) {
    if (batch.kind !== 'households') continue;
    const byId = new Map(batch.households.map((h) => [h.id, h]));
    for (const p of batch.persons) {
      const h = byId.get(p.householdId);
      if (!h) throw new Error('person without household');
      yield {
        household_code: h.code,
        grid_code: gridCode.get(h.gridId) ?? null,
        address: h.address,
        estate: h.estate,
        building: h.building,
        unit: h.unit,
        room: h.room,
        tags: h.tags.map(withLevel(h.code)).join('、'),
        name: p.name,
        gender: p.gender === 'M' ? '男' : '女',
        birth_date: p.birthDate,
        relationship: p.relationship,
        id_number: p.idNumber,
        phone: p.phone,
      };
    }
  }
}

const HEADER = COLUMN_KEYS.map((k) => COLUMNS[k].header);
const cells = (row: ImportRow) => COLUMN_KEYS.map((k) => row[k] ?? null);

/**
 * Writes the rows as the `住户成员` sheet with ExcelJS's streaming writer (shared strings, as
 * Excel itself writes them). With `dateCells`, birth dates become Excel date cells.
 */
export async function writeXlsx(
  file: string,
  rows: Iterable<ImportRow>,
  options: { dateCells?: boolean; extraSheetFirst?: boolean } = {},
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: true,
  });
  if (options.extraSheetFirst) workbook.addWorksheet('封面').commit();
  const sheet = workbook.addWorksheet(DATA_SHEET);
  sheet.addRow(HEADER).commit();
  let n = 0;
  for (const row of rows) {
    const values = cells(row);
    const birth = row.birth_date;
    if (options.dateCells && typeof birth === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(birth)) {
      const added = sheet.addRow(values);
      const cell = added.getCell(COLUMN_KEYS.indexOf('birth_date') + 1);
      cell.value = new Date(`${birth}T00:00:00Z`);
      cell.numFmt = 'yyyy-mm-dd';
      added.commit();
    } else sheet.addRow(values).commit();
    n++;
  }
  sheet.commit();
  await workbook.commit();
  return n;
}

function csvField(value: string | Date | null): string {
  const text = value === null ? '' : value instanceof Date ? value.toISOString().slice(0, 10) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes the rows as RFC 4180 CSV (CRLF line ends), UTF-8 with a BOM as Excel saves it. */
export function writeCsv(file: string, rows: Iterable<ImportRow>): number {
  const lines = [HEADER.map(csvField).join(',')];
  for (const row of rows) lines.push(cells(row).map(csvField).join(','));
  fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
  return lines.length - 1;
}

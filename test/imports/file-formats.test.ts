import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { collectRows } from '../../src/server/modules/imports/collect-rows.ts';
import { DATA_SHEET, HEADERS, HOUSEHOLD_SHEET } from '../../src/server/modules/imports/columns.ts';
import type { SheetRow } from '../../src/server/modules/imports/header.ts';
import { fileProblemOf } from '../../src/server/modules/imports/import-errors.ts';
import { feedCsvLine, newCsvState, readCsvRows } from '../../src/server/modules/imports/read-csv.ts';
import { readXlsxRows } from '../../src/server/modules/imports/read-xlsx.ts';
import { writeTemplate } from '../../src/server/modules/imports/template.ts';
import { parseBirthDate } from '../../src/server/modules/imports/validate-row.ts';
import { readZip, writeStreamingZip } from './support/zip.ts';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-import-fmt-'));

async function all(rows: AsyncIterable<SheetRow>): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

async function problemOf(work: Promise<unknown>): Promise<string | null> {
  try {
    await work;
  } catch (error) {
    return fileProblemOf(error) ?? `unexpected: ${String(error)}`;
  }
  return null;
}

describe('CSV (RFC 4180)', () => {
  it('splits fields, unquotes, unescapes "" and keeps line breaks inside quotes', () => {
    const state = newCsvState();
    expect(feedCsvLine(state, 'a,"b,c","d""e",')).toEqual(['a', 'b,c', 'd"e', '']);
    expect(feedCsvLine(state, '"first line')).toBeNull();
    expect(feedCsvLine(state, 'second line",z')).toEqual(['first line\nsecond line', 'z']);
    expect(feedCsvLine(state, '')).toEqual(['']);
  });

  it('reads UTF-8 with a BOM and numbers records, not physical lines', async () => {
    const file = path.join(tempDir(), 'a.csv');
    fs.writeFileSync(file, '\uFEFFh1,h2\r\n"x\r\ny",1\r\nz,2\r\n');
    const rows = await all(readCsvRows(file));
    expect(rows).toEqual([
      { number: 1, values: ['h1', 'h2'] },
      { number: 2, values: ['x\ny', '1'] },
      { number: 3, values: ['z', '2'] },
    ]);
  });

  it('reads GB18030 (what Excel saves on Chinese Windows)', async () => {
    const file = path.join(tempDir(), 'gbk.csv');
    // The header and one row, encoded in GB18030.
    fs.writeFileSync(
      file,
      Buffer.from(
        'bba7b1e0bac52ccdf8b8f1b1e0c2eb2cb5d8d6b72cd0a1c7f82cc2a5b6b02cb5a5d4aa2ccad22cbba7b1eac7a92cd0d5c3fb2cd0d4b1f02cb3f6c9fac8d5c6da2cd3ebbba7d6f7b9d8cfb52cc9edb7ddd6a4bac52ccad6bbfabac50d0a47424b2d303030312c3333303130393031333030322d4730312ccff4c9bdc7f8c4fecea7bdd6b5c0c4fed0c2b4e533d7e93132bac52c2c33d7e92c2c3132bac52cb5cdb1a3a1a2b6c0bed3c0cfc8cb2ccdf5d0e3d3a22cc5ae2c313935302d30312d30312cbba7d6f72c2c31333831323334353637380d0a',
        'hex',
      ),
    );
    const rows = await all(readCsvRows(file));
    // Written before the optional 纬度/经度 columns existed: every other header is there.
    expect(rows[0]?.values).toEqual(HEADERS.filter((h) => h !== '纬度' && h !== '经度'));
    expect(rows[1]?.values.slice(2, 3)).toEqual(['萧山区宁围街道宁新村3组12号']);
    expect(rows[1]?.values[7]).toBe('低保、独居老人');
  });

  it('refuses a quoted field that is never closed', async () => {
    const file = path.join(tempDir(), 'open.csv');
    fs.writeFileSync(file, `${HEADERS.join(',')}\n"unterminated,x\n`);
    expect(await problemOf(collectRows(readCsvRows(file), new Date()))).toBe('file.unreadable');
  });
});

describe('birth dates', () => {
  it('accepts ISO text, compact numbers, Excel serials and date cells; refuses impossible dates', () => {
    expect(parseBirthDate('1985-07-14')).toBe('1985-07-14');
    expect(parseBirthDate('1985/7/4')).toBe('1985-07-04');
    expect(parseBirthDate('19850714')).toBe('1985-07-14');
    expect(parseBirthDate(19_850_714)).toBe('1985-07-14');
    expect(parseBirthDate(25_569)).toBe('1970-01-01');
    expect(parseBirthDate(32_874)).toBe('1990-01-01');
    expect(parseBirthDate(1)).toBe('1900-01-01');
    expect(parseBirthDate(new Date('1990-01-01T00:00:00Z'))).toBe('1990-01-01');
    // ExcelJS's serial-to-date conversion may land a millisecond early.
    expect(parseBirthDate(new Date(Date.parse('1990-01-02T00:00:00Z') - 1))).toBe('1990-01-02');
    expect(parseBirthDate('1990-02-30')).toBeNull();
    expect(parseBirthDate('14/07/1985')).toBeNull();
    expect(parseBirthDate(1.5)).toBeNull();
  });
});

describe('XLSX', () => {
  async function sheetWorkbook(sheetName: string, rows: readonly (readonly unknown[])[]): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(sheetName);
    for (const row of rows) sheet.addRow([...row]);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('reads archives with data descriptors, a planted descriptor signature and the sheet first', async () => {
    const data = Array.from({ length: 50 }, (_, i) => [`H${i}`, `名${i}`, i]);
    const parts = readZip(await sheetWorkbook('住户成员', [HEADERS.slice(0, 3), ...data]));
    // Streaming writers put sizes after the data; unzipper then ends an entry at the first
    // PK\x07\x08 it meets, even inside the data. Plant one, and order the sheet before the
    // shared strings, as ExcelJS's own streaming writer does.
    const planted: typeof parts = [
      {
        name: 'docProps/custom.bin',
        data: Buffer.from('abcPK\u0007\u0008defghijklmnopqrstuvwxyz', 'latin1'),
        method: 0,
      },
      ...parts.filter((p) => p.name.startsWith('xl/worksheets/')),
      ...parts.filter((p) => !p.name.startsWith('xl/worksheets/')),
    ];
    const file = path.join(tempDir(), 'streamed.xlsx');
    fs.writeFileSync(file, writeStreamingZip(planted));
    // ExcelJS on its own cuts the planted entry short (with a real sheet it hangs instead).
    const raw = async () => {
      for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(file, {}))
        for await (const _ of sheet);
    };
    await expect(raw()).rejects.toThrow(/invalid signature/);
    const rows = await all(readXlsxRows(file, DATA_SHEET));
    expect(rows).toHaveLength(51);
    expect(rows[0]?.values).toEqual(HEADERS.slice(0, 3));
    expect(rows[50]).toEqual({ number: 51, values: ['H49', '名49', 49] });
  });

  it('turns date cells into dates and rich text into text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('住户成员');
    sheet.addRow(['a', 'b']);
    const row = sheet.addRow([
      new Date('1985-07-14T00:00:00Z'),
      { richText: [{ text: '王' }, { text: '芳' }] },
    ]);
    row.getCell(1).numFmt = 'yyyy-mm-dd';
    const file = path.join(tempDir(), 'dates.xlsx');
    await workbook.xlsx.writeFile(file);
    const rows = await all(readXlsxRows(file, DATA_SHEET));
    expect(rows[1]?.values[0]).toBeInstanceOf(Date);
    expect(parseBirthDate(rows[1]?.values[0] ?? null)).toBe('1985-07-14');
    expect(rows[1]?.values[1]).toBe('王芳');
  });

  it('refuses a workbook without the 住户成员 sheet, a wrong header and a file that is not XLSX', async () => {
    const dir = tempDir();
    const noSheet = path.join(dir, 'no-sheet.xlsx');
    fs.writeFileSync(noSheet, await sheetWorkbook('Sheet1', [HEADERS]));
    expect(await problemOf(collectRows(readXlsxRows(noSheet, DATA_SHEET), new Date()))).toBe(
      'file.sheet_missing',
    );

    const wrongHeader = path.join(dir, 'header.xlsx');
    fs.writeFileSync(wrongHeader, await sheetWorkbook('住户成员', [HEADERS.filter((h) => h !== '身份证号')]));
    expect(await problemOf(collectRows(readXlsxRows(wrongHeader, DATA_SHEET), new Date()))).toBe(
      'file.header',
    );

    const notZip = path.join(dir, 'text.xlsx');
    fs.writeFileSync(notZip, 'this is not a workbook');
    expect(await problemOf(collectRows(readXlsxRows(notZip, DATA_SHEET), new Date()))).toBe(
      'file.unreadable',
    );

    const truncated = path.join(dir, 'truncated.xlsx');
    const whole = await sheetWorkbook('住户成员', [HEADERS]);
    fs.writeFileSync(truncated, whole.subarray(0, whole.length - 40));
    expect(await problemOf(collectRows(readXlsxRows(truncated, DATA_SHEET), new Date()))).toBe(
      'file.unreadable',
    );

    expect(
      await problemOf(collectRows(readXlsxRows(path.join(dir, 'missing.xlsx'), DATA_SHEET), new Date())),
    ).toBe('file.unreadable');
  });
});

describe('template', () => {
  it('has the header, one example household and bilingual instructions for every column', async () => {
    const file = path.join(tempDir(), 'template.xlsx');
    const out = fs.createWriteStream(file);
    await writeTemplate(out, HOUSEHOLD_SHEET);
    await finished(out);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['住户成员', '说明']);
    const rows = await all(readXlsxRows(file, DATA_SHEET));
    expect(rows[0]?.values).toEqual(HEADERS);
    expect(rows).toHaveLength(4);
    expect(new Set(rows.slice(1).map((r) => r.values[0]))).toEqual(new Set(['EXAMPLE-0001']));

    const notes = workbook.getWorksheet('说明');
    const described = new Set<string>();
    notes?.eachRow((row) => {
      described.add(String(row.getCell(1).value ?? ''));
      if (HEADERS.includes(String(row.getCell(1).value))) {
        expect(String(row.getCell(3).value)).toMatch(/[\u4e00-\u9fff]/);
        expect(String(row.getCell(4).value)).toMatch(/[A-Za-z]{3}/);
      }
    });
    for (const header of HEADERS) expect(described).toContain(header);
  });
});

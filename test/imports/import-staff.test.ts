import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { PiiCipher } from '../../src/server/crypto/pii.ts';
import type { Database } from '../../src/server/db/engine.ts';
import { importStaff } from '../../src/server/modules/imports/import-staff.ts';
import { STAFF_SHEET, type StaffKey } from '../../src/server/modules/imports/staff-columns.ts';
import { testEngine } from '../support/db.ts';
import { importFixture } from './support/import-fixture.ts';
import { type SheetRows, sheetRow, writeSheetCsv, writeSheetXlsx } from './support/sheet-file.ts';
import { auditCounts, tableRows } from './support/territory.ts';

const { tempDir, setup, run } = importFixture('minqing-import-staff-', importStaff);

async function staffByCode(database: Database, cipher: PiiCipher) {
  const rows = await database.db
    .selectFrom('staff as s')
    .innerJoin('region as r', (j) =>
      j.onRef('r.district_code', '=', 's.district_code').onRef('r.id', '=', 's.region_id'),
    )
    .select(['s.code', 's.name', 's.post', 's.phone_enc', 'r.code as region_code'])
    .execute();
  return new Map(
    rows.map((r) => [r.code, { ...r, phone: r.phone_enc ? cipher.decrypt(r.phone_enc) : null }]),
  );
}

const CLEAN: SheetRows<StaffKey> = [
  { staff_code: 'NW-0001', name: '周敏', post: '街道干部', region_code: '330109013', phone: '13600000001' },
  {
    staff_code: 'NW-0002',
    name: '吴磊',
    post: '社工',
    region_code: '330109013002',
    phone: '+86 136 0000 0002',
  },
  { staff_code: 'NW_0003', name: '郑芳', post: '楼道长', region_code: '330109013002-G01', phone: '' },
  // A seeded person, recognised by the demo staff number, takes a new post.
  {
    staff_code: '330109013002-G01-S01',
    name: '',
    post: '网格长',
    region_code: '330109013002-G01',
    phone: '',
  },
];

describe(`staff import (${testEngine()})`, () => {
  it('gives seeded staff unique, deterministic staff numbers', async () => {
    const { database } = await setup();
    const counts = await sql<{ n: number; codes: number; distinct_codes: number }>`
      select count(*)::int as n, count(code)::int as codes, count(distinct code)::int as distinct_codes
      from staff`.execute(database.db);
    const c = counts.rows[0];
    expect(c?.n).toBeGreaterThan(500);
    expect(c?.codes).toBe(c?.n);
    expect(c?.distinct_codes).toBe(c?.n);
    const grid = await database.db
      .selectFrom('staff as s')
      .innerJoin('region as r', (j) =>
        j.onRef('r.district_code', '=', 's.district_code').onRef('r.id', '=', 's.region_id'),
      )
      .select(['s.code', 'r.code as region'])
      .where('r.code', '=', '330109013002-G01')
      .orderBy('s.code')
      .execute();
    expect(grid.map((s) => s.code)).toEqual([
      '330109013002-G01-S01',
      '330109013002-G01-S02',
      '330109013002-G01-S03',
    ]);
  });

  it('imports by staff number with encrypted phones; the same file again (XLSX, CSV) changes nothing', async () => {
    const { database, cipher } = await setup();
    const seeded = (await staffByCode(database, cipher)).get('330109013002-G01-S01');
    const rows = CLEAN.map((r) =>
      r.staff_code === '330109013002-G01-S01' ? { ...r, name: seeded?.name } : r,
    );
    const dir = tempDir();
    const xlsx = path.join(dir, 'staff.xlsx');
    await writeSheetXlsx(xlsx, STAFF_SHEET, rows);
    const first = await run(database, cipher, xlsx);
    expect(first.issues).toEqual([]);
    expect(first.counts.staff).toEqual({ inserted: 3, updated: 1, unchanged: 0, rejected: 0 });
    const staff = await staffByCode(database, cipher);
    expect(staff.get('NW-0001')).toMatchObject({
      name: '周敏',
      post: '街道干部',
      region_code: '330109013',
      phone: '13600000001',
    });
    expect(staff.get('NW-0002')?.phone).toBe('13600000002');
    expect(staff.get('NW_0003')).toMatchObject({ region_code: '330109013002-G01', phone: null });
    expect(staff.get('330109013002-G01-S01')).toMatchObject({
      post: '网格长',
      name: seeded?.name,
      phone: null,
    });

    const before = await tableRows(database, 'staff');
    const audits = await auditCounts(database);
    const again = await run(database, cipher, xlsx);
    expect(again.counts.staff).toEqual({ inserted: 0, updated: 0, unchanged: 4, rejected: 0 });
    const csv = path.join(dir, 'staff.csv');
    writeSheetCsv(csv, STAFF_SHEET, rows);
    const fromCsv = await run(database, cipher, csv);
    expect(fromCsv.counts.staff).toEqual({ inserted: 0, updated: 0, unchanged: 4, rejected: 0 });
    expect(await tableRows(database, 'staff')).toEqual(before);
    expect(await auditCounts(database)).toEqual({ ...audits, 'import.run': (audits['import.run'] ?? 0) + 2 });
  });

  it('names every bad row with its reason and imports the good ones', async () => {
    const { database, cipher } = await setup();
    const rows: SheetRows<StaffKey> = [
      { staff_code: 'OK-1', name: '好人', post: '网格员', region_code: '330109013002-G02' },
      { staff_code: '工号 1', name: '坏工号', post: '网格员', region_code: '330109013002-G02' },
      { staff_code: 'DUP-1', name: '甲', post: '社工', region_code: '330109013002' },
      { staff_code: 'DUP-1', name: '乙', post: '社工', region_code: '330109013002' },
      { staff_code: 'X-1', name: '区域错', post: '社工', region_code: '330109013999' },
      { staff_code: 'X-2', name: '挂在区上', post: '区级干部', region_code: '330109' },
      { staff_code: 'X-3', name: '电话错', post: '社工', region_code: '330109013002', phone: '010-1234567' },
      { staff_code: 'X-4', name: '无岗位', post: '', region_code: '330109013002' },
      { staff_code: 'OK-2', name: '好人二', post: '下沉干部', region_code: '330109013205-G01' },
    ];
    const expected: [number, string, string][] = [
      [1, 'staff_code', 'staff_code.format'],
      [2, 'staff_code', 'staff_code.duplicate_in_file'],
      [3, 'staff_code', 'staff_code.duplicate_in_file'],
      [4, 'region_code', 'region_code.unknown'],
      [5, 'region_code', 'region_code.level'],
      [6, 'phone', 'phone.invalid'],
      [7, 'post', 'post.required'],
    ];
    const file = path.join(tempDir(), 'bad.csv');
    writeSheetCsv(file, STAFF_SHEET, rows);
    const summary = await run(database, cipher, file);
    expect(summary.issues.map((i) => [i.row, i.column, i.code])).toEqual(
      expected.map(([i, column, code]) => [sheetRow(i), column, code]),
    );
    expect(summary.issues.find((i) => i.code === 'staff_code.duplicate_in_file')?.key).toBe('DUP-1');
    expect(summary.counts.staff).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 7 });
    const staff = await staffByCode(database, cipher);
    expect(staff.has('OK-1') && staff.has('OK-2')).toBe(true);
    expect([...staff.keys()].filter((c) => c?.startsWith('DUP') || c?.startsWith('X-'))).toEqual([]);
  });
});

import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { PiiCipher } from '../../src/server/crypto/pii.ts';
import type { Database } from '../../src/server/db/engine.ts';
import { verifyAuditChains } from '../../src/server/modules/audit/audit.repository.ts';
import { HOUSEHOLD_SHEET, REPORT_SHEET } from '../../src/server/modules/imports/columns.ts';
import { fileProblemOf } from '../../src/server/modules/imports/import-errors.ts';
import { importHouseholds } from '../../src/server/modules/imports/import-households.ts';
import { writeReport } from '../../src/server/modules/imports/report.ts';
import { parseTagCell } from '../../src/server/modules/imports/tag-cell.ts';
import { createTagRepository } from '../../src/server/modules/tags/tags.repository.ts';
import { testEngine } from '../support/db.ts';
import { generatedRows, type ImportRow, writeCsv, writeXlsx } from './support/households-file.ts';
import { importFixture } from './support/import-fixture.ts';
import { snapshot, withoutCiphertext } from './support/territory.ts';

const { tempDir, setup, run } = importFixture('minqing-import-', importHouseholds);

/** Row indices of each household, in file order. */
function byHousehold(rows: ImportRow[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const code = r.household_code as string;
    map.set(code, [...(map.get(code) ?? []), i]);
  });
  return map;
}

/** The sheet row of a data row: the header is row 1. */
const sheetRow = (index: number) => index + 2;

async function personsByIdNumber(database: Database, cipher: PiiCipher) {
  const rows = await database.db
    .selectFrom('person as p')
    .innerJoin('household as h', (j) =>
      j.onRef('h.district_code', '=', 'p.district_code').onRef('h.id', '=', 'p.household_id'),
    )
    .select([
      'p.id',
      'p.name',
      'p.gender',
      'p.birth_date',
      'p.relationship',
      'p.id_number_enc',
      'p.phone_enc',
    ])
    .select(['h.code as household_code', 'p.phone_hash', 'p.id_number_hash'])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id_number_enc ? cipher.decrypt(r.id_number_enc) : `${r.household_code}/${r.name}`,
      { ...r, phone: r.phone_enc ? cipher.decrypt(r.phone_enc) : null },
    ]),
  );
}

describe(`household import (${testEngine()})`, () => {
  it('imports an XLSX of generated households; ID numbers and phones decrypt to the file’s values', async () => {
    const { database, cipher } = await setup();
    const rows = [...generatedRows(30)];
    const file = path.join(tempDir(), 'households.xlsx');
    await writeXlsx(file, rows, { dateCells: true });

    const summary = await run(database, cipher, file, { batchSize: 8 });
    expect(summary.issues).toEqual([]);
    expect(summary.districtCode).toBe('330109');
    expect(summary.rows).toBe(rows.length);
    expect(summary.households).toEqual({ inserted: 30, updated: 0, unchanged: 0, rejected: 0 });
    expect(summary.persons).toEqual({ inserted: rows.length, updated: 0, unchanged: 0, rejected: 0 });

    const persons = await personsByIdNumber(database, cipher);
    expect(persons.size).toBe(rows.length);
    for (const row of rows) {
      const person = persons.get((row.id_number as string | null) ?? `${row.household_code}/${row.name}`);
      expect(person, String(row.name)).toBeDefined();
      expect(person?.name).toBe(row.name);
      expect(person?.household_code).toBe(row.household_code);
      expect(person?.birth_date).toBe(row.birth_date);
      expect(person?.gender).toBe(row.gender === '男' ? 'M' : 'F');
      expect(person?.relationship).toBe(row.relationship);
      expect(person?.phone).toBe(row.phone);
      expect(person?.phone_hash === null).toBe(row.phone === null);
    }

    const households = await database.db
      .selectFrom('household as h')
      .innerJoin('region as g', (j) =>
        j.onRef('g.district_code', '=', 'h.district_code').onRef('g.id', '=', 'h.grid_id'),
      )
      .select(['h.code', 'h.address', 'h.tags', 'h.room', 'h.region_path', 'g.code as grid_code', 'g.path'])
      .execute();
    const first = new Map(rows.map((r) => [r.household_code, r]));
    for (const h of households) {
      const row = first.get(h.code);
      expect(h.grid_code).toBe(row?.grid_code);
      expect(h.region_path).toBe(h.path);
      expect(h.address).toBe(row?.address);
      expect(h.room).toBe(row?.room);
      expect(h.tags).toEqual(parseTagCell(String(row?.tags ?? '')).tags);
    }

    // One audit row per batch (30 households in batches of 8), on an intact chain.
    const audits = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'detail'])
      .where('action', '=', 'import.households')
      .orderBy('seq')
      .execute();
    expect(audits).toHaveLength(4);
    expect(audits[0]?.actor_name).toBe('test');
    expect(audits[0]?.detail).toMatchObject({ file: 'households.xlsx', batch: 1, batches: 4 });
    expect((await verifyAuditChains(database.db)).breaks).toEqual([]);
  });

  it('re-importing the same file changes nothing, not even the ciphertext', async () => {
    const { database, cipher } = await setup();
    const rows = [...generatedRows(30)];
    // A member without an ID number (a foreign spouse): matched by household, name and birth date.
    const head = rows[0] as ImportRow;
    rows.splice(1, 0, {
      ...head,
      name: 'Anna Schmidt',
      gender: '女',
      birth_date: '1990-05-05',
      relationship: '配偶',
      id_number: null,
      phone: '+86 139 0000 1111',
    });
    const file = path.join(tempDir(), 'households.xlsx');
    await writeXlsx(file, rows);

    await run(database, cipher, file);
    const before = await snapshot(database);
    const again = await run(database, cipher, file);
    expect(again.households).toEqual({ inserted: 0, updated: 0, unchanged: 30, rejected: 0 });
    expect(again.persons).toEqual({ inserted: 0, updated: 0, unchanged: rows.length, rejected: 0 });
    expect(again.batchesWritten).toBe(0);
    const after = await snapshot(database);
    // Only the run's own audit row is new.
    expect(after.auditRows).toBe(before.auditRows + 1);
    expect(withoutCiphertext(after)).toEqual(withoutCiphertext({ ...before, auditRows: after.auditRows }));
    expect(after).toEqual({ ...before, auditRows: after.auditRows });
  });

  it('updates what changed (phone, relationship, address, moved member) and only that', async () => {
    const { database, cipher } = await setup();
    const rows = [...generatedRows(30)];
    const dir = tempDir();
    await writeXlsx(path.join(dir, 'v1.xlsx'), rows);
    await run(database, cipher, path.join(dir, 'v1.xlsx'));
    const before = await personsByIdNumber(database, cipher);
    const snapBefore = await snapshot(database);

    const groups = [...byHousehold(rows).values()].filter((g) => g.length >= 2);
    const [a, b, c] = groups as [number[], number[], number[]];
    const changed = rows.map((r) => ({ ...r }));
    const phoneRow = changed[a[0] as number] as ImportRow;
    phoneRow.phone = phoneRow.phone === '13900001234' ? '13900004321' : '13900001234';
    const relRow = changed[a[1] as number] as ImportRow;
    relRow.relationship = '其他';
    for (const i of b) (changed[i] as ImportRow).address = `${changed[i]?.address}（已更正）`;
    // The last member of household c moves to household a (it takes a's household columns).
    const moved = changed[c.at(-1) as number] as ImportRow;
    const target = changed[a[0] as number] as ImportRow;
    for (const k of [
      'household_code',
      'grid_code',
      'address',
      'estate',
      'building',
      'unit',
      'room',
      'tags',
    ] as const) {
      moved[k] = target[k];
    }
    await writeXlsx(path.join(dir, 'v2.xlsx'), changed);

    const summary = await run(database, cipher, path.join(dir, 'v2.xlsx'));
    expect(summary.issues).toEqual([]);
    expect(summary.households).toEqual({ inserted: 0, updated: 1, unchanged: 29, rejected: 0 });
    expect(summary.persons).toEqual({ inserted: 0, updated: 3, unchanged: rows.length - 3, rejected: 0 });

    const after = await personsByIdNumber(database, cipher);
    const id = (r: ImportRow) => r.id_number as string;
    expect(after.get(id(phoneRow))?.phone).toBe(phoneRow.phone);
    expect(after.get(id(phoneRow))?.id_number_enc).toEqual(before.get(id(phoneRow))?.id_number_enc);
    expect(after.get(id(relRow))?.relationship).toBe('其他');
    // Only the changed phone was re-encrypted.
    expect(after.get(id(relRow))?.phone_enc).toEqual(before.get(id(relRow))?.phone_enc);
    expect(after.get(id(moved))?.household_code).toBe(target.household_code);

    const snapAfter = await snapshot(database);
    const changedIds = new Set([phoneRow, relRow, moved].map((r) => before.get(id(r))?.id));
    expect(snapAfter.persons.filter((p) => !changedIds.has(p.id as string))).toEqual(
      snapBefore.persons.filter((p) => !changedIds.has(p.id as string)),
    );
    // One batch row and the run's row.
    expect(snapAfter.auditRows).toBe(snapBefore.auditRows + 2);
  });

  it('reports every rejected row with its reason and rejects a household with a bad member whole', async () => {
    const { database, cipher } = await setup();
    const rows: ImportRow[] = [...generatedRows(40)].map((r) => ({ ...r }));
    const groups = [...byHousehold(rows).values()].filter((g) => g.length >= 2 && g.length <= 4);
    expect(groups.length).toBeGreaterThanOrEqual(8);
    const [checkDigit, future, unknownGrid, badPhone, genderMismatch, dupFrom, dupInto, conflict] =
      groups as number[][];
    const at = (g: number[] | undefined, k = 0) => rows[(g as number[])[k] as number] as ImportRow;
    const expected: { index: number; code: string; column: string | null }[] = [];

    const cd = at(checkDigit, 1);
    const id = cd.id_number as string;
    cd.id_number = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expected.push({ index: checkDigit?.[1] as number, code: 'id_number.check_digit', column: 'id_number' });

    at(future, 1).birth_date = '2099-01-01';
    expected.push({ index: future?.[1] as number, code: 'birth_date.future', column: 'birth_date' });

    for (const i of unknownGrid as number[]) (rows[i] as ImportRow).grid_code = '330109999999-G01';
    expected.push({ index: unknownGrid?.[0] as number, code: 'grid_code.unknown', column: 'grid_code' });

    at(badPhone, 0).phone = '1234567';
    expected.push({ index: badPhone?.[0] as number, code: 'phone.invalid', column: 'phone' });

    const gm = at(genderMismatch, 0);
    gm.gender = gm.gender === '男' ? '女' : '男';
    expected.push({
      index: genderMismatch?.[0] as number,
      code: 'gender.id_number_mismatch',
      column: 'gender',
    });

    // The same person listed again in another household.
    const into = at(dupInto, 0);
    const copy: ImportRow = { ...at(dupFrom, 0) };
    for (const k of [
      'household_code',
      'grid_code',
      'address',
      'estate',
      'building',
      'unit',
      'room',
      'tags',
    ] as const) {
      copy[k] = into[k];
    }
    rows.push(copy);
    const copyIndex = rows.length - 1;
    expected.push({
      index: dupFrom?.[0] as number,
      code: 'id_number.duplicate_in_file',
      column: 'id_number',
    });
    expected.push({ index: copyIndex, code: 'id_number.duplicate_in_file', column: 'id_number' });

    at(conflict, 1).address = '另一个地址';
    expected.push({ index: conflict?.[1] as number, code: 'household.conflict', column: 'address' });

    const file = path.join(tempDir(), 'bad.xlsx');
    await writeXlsx(file, rows);
    const summary = await run(database, cipher, file);

    const badGroups = [
      checkDigit,
      future,
      unknownGrid,
      badPhone,
      genderMismatch,
      dupFrom,
      dupInto,
      conflict,
    ] as number[][];
    const rejectedIndices = new Set([...badGroups.flat(), copyIndex]);
    for (const e of expected) {
      expect(summary.issues, `${e.code} on sheet row ${sheetRow(e.index)}`).toContainEqual(
        expect.objectContaining({
          row: sheetRow(e.index),
          key: rows[e.index]?.household_code,
          column: e.column,
          code: e.code,
          message: expect.stringMatching(/[\u4e00-\u9fff]/),
        }),
      );
    }
    // Every other row of a rejected household is named too, as rejected with its household.
    const reported = new Set(summary.issues.map((i) => i.row));
    expect(reported).toEqual(new Set([...rejectedIndices].map(sheetRow)));
    for (const index of rejectedIndices) {
      if (expected.some((e) => e.index === index)) continue;
      expect(summary.issues).toContainEqual(
        expect.objectContaining({ row: sheetRow(index), code: 'household.rejected', column: null }),
      );
    }
    expect(summary.households.rejected).toBe(8);
    expect(summary.persons.rejected).toBe(rejectedIndices.size);
    expect(summary.households.inserted).toBe(40 - 8);
    expect(summary.persons.inserted).toBe(rows.length - rejectedIndices.size);

    const codes = new Set(
      (await database.db.selectFrom('household').select('code').execute()).map((h) => h.code),
    );
    for (const g of badGroups) expect(codes.has(rows[g[0] as number]?.household_code as string)).toBe(false);
    expect(codes.size).toBe(32);

    // The report workbook lists the same issues.
    const reportFile = path.join(tempDir(), 'report.xlsx');
    await writeReport(reportFile, HOUSEHOLD_SHEET, summary);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(reportFile);
    const sheet = workbook.getWorksheet(REPORT_SHEET);
    expect(sheet?.actualRowCount).toBe(summary.issues.length + 1);
    expect(sheet?.getRow(1).values).toEqual([undefined, '行号', '户编号', '列', '原因代码', '说明']);
    const codesInReport = new Set<string>();
    sheet?.eachRow((row, n) => {
      if (n > 1) codesInReport.add(String(row.getCell(4).value));
    });
    for (const e of expected) expect(codesInReport).toContain(e.code);
  });

  it('imports CSV with quoted fields; the same data as XLSX afterwards changes nothing', async () => {
    const { database, cipher } = await setup();
    const rows = [...generatedRows(20)].map((r) => ({ ...r }));
    for (const r of rows.filter((x) => x.household_code === rows[0]?.household_code)) {
      r.address = `${r.address}, "东"门`;
    }
    const dir = tempDir();
    writeCsv(path.join(dir, 'households.csv'), rows);
    const fromCsv = await run(database, cipher, path.join(dir, 'households.csv'));
    expect(fromCsv.format).toBe('csv');
    expect(fromCsv.issues).toEqual([]);
    expect(fromCsv.persons.inserted).toBe(rows.length);
    const stored = await database.db
      .selectFrom('household')
      .select('address')
      .where('code', '=', rows[0]?.household_code as string)
      .executeTakeFirst();
    expect(stored?.address).toMatch(/, "东"门$/);

    await writeXlsx(path.join(dir, 'households.xlsx'), rows, { dateCells: true, extraSheetFirst: true });
    const fromXlsx = await run(database, cipher, path.join(dir, 'households.xlsx'));
    expect(fromXlsx.households).toEqual({ inserted: 0, updated: 0, unchanged: 20, rejected: 0 });
    expect(fromXlsx.persons).toEqual({ inserted: 0, updated: 0, unchanged: rows.length, rejected: 0 });
  });

  it('checks tags against the district’s list, stores levels and marks key households', async () => {
    const { database, cipher } = await setup();
    const rows = [...generatedRows(9)].map((r) => ({ ...r }));
    const households = [...byHousehold(rows).values()];
    const cells = [
      '低保',
      '残疾:3',
      '',
      '残疾',
      '残疾（5）',
      '未知标签',
      '低保(2)',
      '残疾（二级）、独居老人',
      '留守',
    ];
    households.forEach((indices, h) => {
      for (const i of indices) (rows[i] as ImportRow).tags = cells[h] as string;
    });
    const codeOf = (h: number) => rows[(households[h] as number[])[0] as number]?.household_code as string;
    const file = path.join(tempDir(), 'tags.xlsx');
    await writeXlsx(file, rows);

    const summary = await run(database, cipher, file);
    const tagIssues = summary.issues.filter((i) => i.column === 'tags');
    expect(tagIssues.map((i) => [i.key, i.code])).toEqual([
      [codeOf(3), 'tags.level_required'],
      [codeOf(4), 'tags.level_invalid'],
      [codeOf(5), 'tags.unknown'],
      [codeOf(6), 'tags.level_not_allowed'],
    ]);
    for (const issue of tagIssues) expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
    // The rest of each refused household is named too.
    for (const h of [3, 4, 5, 6]) {
      const named = new Set(summary.issues.filter((i) => i.key === codeOf(h)).map((i) => i.row));
      expect(named).toEqual(new Set((households[h] as number[]).map(sheetRow)));
    }
    expect(summary.households).toEqual({ inserted: 5, updated: 0, unchanged: 0, rejected: 4 });

    const stored = new Map(
      (
        await database.db.selectFrom('household').select(['code', 'tags', 'tag_levels', 'is_key']).execute()
      ).map((h) => [h.code, h]),
    );
    expect(stored.get(codeOf(0))).toMatchObject({ tags: ['低保'], tag_levels: {}, is_key: true });
    expect(stored.get(codeOf(1))).toMatchObject({ tags: ['残疾'], tag_levels: { 残疾: '3' }, is_key: true });
    expect(stored.get(codeOf(2))).toMatchObject({ tags: [], tag_levels: {}, is_key: false });
    expect(stored.get(codeOf(7))).toMatchObject({
      tags: ['残疾', '独居老人'],
      tag_levels: { 残疾: '2' },
      is_key: true,
    });
    expect(stored.get(codeOf(8))).toMatchObject({ tags: ['留守'], is_key: true });
    for (const h of [3, 4, 5, 6]) expect(stored.has(codeOf(h))).toBe(false);

    const before = await snapshot(database);
    const again = await run(database, cipher, file);
    expect(again.households).toEqual({ inserted: 0, updated: 0, unchanged: 5, rejected: 4 });
    expect(await snapshot(database)).toEqual({ ...before, auditRows: before.auditRows + 1 });

    // The district's own list: 留守 no longer marks a key household, 低保 is retired.
    const list = (await createTagRepository(database.db).list('330109', 'household')).map((t) =>
      t.code === '留守' ? { ...t, marksKey: false } : t.code === '低保' ? { ...t, active: false } : t,
    );
    await createTagRepository(database.db).replace(database.db, '330109', 'household', list);
    const edited = await run(database, cipher, file);
    expect(edited.issues).toContainEqual(
      expect.objectContaining({ key: codeOf(0), column: 'tags', code: 'tags.inactive' }),
    );
    expect(edited.households).toEqual({ inserted: 0, updated: 1, unchanged: 3, rejected: 5 });
    const leftBehind = await database.db
      .selectFrom('household')
      .select('is_key')
      .where('code', '=', codeOf(8))
      .executeTakeFirstOrThrow();
    expect(leftBehind.is_key).toBe(false);
  });

  it('refuses a file mixing districts and imports nothing from it', async () => {
    const { database, cipher } = await setup();
    const districtId = uuidv7();
    await database.db
      .insertInto('region')
      .values([
        {
          district_code: '330110',
          id: districtId,
          parent_id: null,
          level: 'district',
          code: '330110',
          name: '余杭区',
          kind: '区',
          path: '330110',
        },
        {
          district_code: '330110',
          id: uuidv7(),
          parent_id: districtId,
          level: 'grid',
          code: '330110001001-G01',
          name: '余杭第1网格',
          kind: null,
          path: '330110.330110001001-G01',
        },
      ])
      .execute();
    const rows = [...generatedRows(5)].map((r) => ({ ...r }));
    const last = rows.at(-1)?.household_code;
    for (const r of rows) if (r.household_code === last) r.grid_code = '330110001001-G01';
    const file = path.join(tempDir(), 'mixed.csv');
    writeCsv(file, rows);

    const problem = await run(database, cipher, file).then(
      () => null,
      (error: unknown) => fileProblemOf(error),
    );
    expect(problem).toBe('file.mixed_districts');
    const count = await sql<{ n: number }>`select count(*)::int as n from household`.execute(database.db);
    expect(count.rows[0]?.n).toBe(0);

    // Limited to one district, the other district's grid is simply unknown there.
    const summary = await run(database, cipher, file, { districtCode: '330109' });
    expect(summary.households.rejected).toBe(1);
    expect(summary.issues[0]).toMatchObject({ code: 'grid_code.unknown', key: last });
  });
});

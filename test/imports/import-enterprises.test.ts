import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PiiCipher } from '../../src/server/crypto/pii.ts';
import type { Database } from '../../src/server/db/engine.ts';
import { ENTERPRISE_SHEET, type EnterpriseKey } from '../../src/server/modules/imports/enterprise-columns.ts';
import { importEnterprises } from '../../src/server/modules/imports/import-enterprises.ts';
import { createUser } from '../../src/server/modules/users/create-user.ts';
import { creditCodeCheckChar } from '../../src/shared/validation/credit-code.ts';
import { testEngine } from '../support/db.ts';
import { importFixture } from './support/import-fixture.ts';
import { type SheetRows, sheetRow, writeSheetCsv, writeSheetXlsx } from './support/sheet-file.ts';
import { auditCounts, importRuns, tableRows } from './support/territory.ts';

const { tempDir, setup, run } = importFixture('minqing-import-ent-', importEnterprises);

const creditCode = (i: number) => {
  const body = `91330109MA7QXW${String(i).padStart(3, '0')}`;
  return body + creditCodeCheckChar(body);
};

const GRIDS = ['330109013002-G01', '330109013002-G02', '330109013003-G01', '330109013205-G01'];
const TAGS = ['', '专精特新', '百强、小升规', '新雏鹰'];

function enterprises(n: number): SheetRows<EnterpriseKey> {
  return Array.from({ length: n }, (_, i) => ({
    name: `杭州测试${i}号科技有限公司`,
    credit_code: creditCode(i),
    address: `萧山区宁围街道测试路 ${i + 1} 号`,
    grid_code: GRIDS[i % GRIDS.length] as string,
    tags: TAGS[i % TAGS.length] as string,
    contact_name: i % 5 === 0 ? '' : `联系人${i}`,
    contact_phone: i % 5 === 0 ? '' : `1380000${String(1000 + i)}`,
    liaison_username: '',
  }));
}

async function stored(database: Database, cipher: PiiCipher) {
  const rows = await database.db
    .selectFrom('enterprise as e')
    .innerJoin('region as g', (j) =>
      j.onRef('g.district_code', '=', 'e.district_code').onRef('g.id', '=', 'e.grid_id'),
    )
    .leftJoin('app_user as u', (j) =>
      j.onRef('u.district_code', '=', 'e.district_code').onRef('u.id', '=', 'e.liaison_user_id'),
    )
    .select([
      'e.credit_code',
      'e.name',
      'e.tags',
      'e.region_path',
      'g.path',
      'g.code as grid_code',
      'e.contact_name',
      'e.contact_phone_enc',
      'e.contact_phone_hash',
      'u.username as liaison',
    ])
    .execute();
  return new Map(
    rows.map((r) => [
      r.credit_code,
      { ...r, phone: r.contact_phone_enc ? cipher.decrypt(r.contact_phone_enc) : null },
    ]),
  );
}

async function addUser(database: Database, username: string, role: 'liaison' | 'grid_worker') {
  return createUser(database.db, {
    districtCode: '330109',
    username,
    displayName: username,
    password: 'Test#2026-import-user',
    mustChangePassword: false,
    grants: [{ role, scopeRegionId: null }],
    actor: { districtCode: '330109', username: 'test', sourceIp: null },
  });
}

describe(`enterprise import (${testEngine()})`, () => {
  it('imports by credit code with encrypted phones; the same rows again (XLSX then CSV) change nothing', async () => {
    const { database, cipher } = await setup();
    const rows = enterprises(12);
    const dir = tempDir();
    const xlsx = path.join(dir, 'enterprises.xlsx');
    await writeSheetXlsx(xlsx, ENTERPRISE_SHEET, rows);

    const first = await run(database, cipher, xlsx, { batchSize: 5 });
    expect(first.issues).toEqual([]);
    expect(first.districtCode).toBe('330109');
    expect(first.counts.enterprises).toEqual({ inserted: 12, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.batchesWritten).toBe(3);
    const saved = await stored(database, cipher);
    for (const row of rows) {
      const e = saved.get(String(row.credit_code));
      expect(e?.name).toBe(row.name);
      expect(e?.grid_code).toBe(row.grid_code);
      expect(e?.region_path).toBe(e?.path);
      expect(e?.tags).toEqual(row.tags ? String(row.tags).split('、') : []);
      expect(e?.contact_name).toBe(row.contact_name || null);
      expect(e?.phone).toBe(row.contact_phone || null);
      expect(e?.contact_phone_hash === null).toBe(row.contact_phone === '');
    }

    const before = await tableRows(database, 'enterprise');
    const audits = await auditCounts(database);
    const again = await run(database, cipher, xlsx);
    expect(again.counts.enterprises).toEqual({ inserted: 0, updated: 0, unchanged: 12, rejected: 0 });
    const csv = path.join(dir, 'enterprises.csv');
    writeSheetCsv(csv, ENTERPRISE_SHEET, rows);
    const fromCsv = await run(database, cipher, csv);
    expect(fromCsv.counts.enterprises).toEqual({ inserted: 0, updated: 0, unchanged: 12, rejected: 0 });
    // Ciphertexts and updated_at included: nothing was rewritten.
    expect(await tableRows(database, 'enterprise')).toEqual(before);
    expect(await auditCounts(database)).toEqual({ ...audits, 'import.run': (audits['import.run'] ?? 0) + 2 });

    // One changed phone: one update, and only that ciphertext changes.
    const changed = rows.map((r) => ({ ...r }));
    (changed[1] as (typeof changed)[number]).contact_phone = '13911112222';
    writeSheetCsv(csv, ENTERPRISE_SHEET, changed);
    const update = await run(database, cipher, csv);
    expect(update.counts.enterprises).toEqual({ inserted: 0, updated: 1, unchanged: 11, rejected: 0 });
    const after = await stored(database, cipher);
    expect(after.get(creditCode(1))?.phone).toBe('13911112222');
    expect(after.get(creditCode(2))?.contact_phone_enc).toEqual(saved.get(creditCode(2))?.contact_phone_enc);
    const runs = await importRuns(database);
    expect(runs.at(-1)?.detail).toMatchObject({
      kind: 'enterprises',
      file: 'enterprises.csv',
      counts: { enterprises: { updated: 1, unchanged: 11 } },
      batches: 1,
    });
  });

  it('assigns liaisons that are active liaison accounts; an empty cell keeps the one assigned', async () => {
    const { database, cipher } = await setup();
    await addUser(database, 'peipao1', 'liaison');
    await addUser(database, 'gridworker9', 'grid_worker');
    const retired = await addUser(database, 'peipao2', 'liaison');
    await database.db.updateTable('app_user').set({ active: false }).where('id', '=', retired).execute();

    const rows = enterprises(5);
    const at = (i: number) => rows[i] as (typeof rows)[number];
    at(0).liaison_username = 'peipao1';
    at(1).liaison_username = 'gridworker9';
    at(2).liaison_username = 'peipao2';
    at(3).liaison_username = 'nobody';
    const file = path.join(tempDir(), 'liaisons.csv');
    writeSheetCsv(file, ENTERPRISE_SHEET, rows);
    const summary = await run(database, cipher, file);
    expect(summary.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [sheetRow(1), 'liaison_username', 'liaison_username.not_liaison'],
      [sheetRow(2), 'liaison_username', 'liaison_username.inactive'],
      [sheetRow(3), 'liaison_username', 'liaison_username.unknown'],
    ]);
    expect(summary.counts.enterprises).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 3 });
    expect((await stored(database, cipher)).get(creditCode(0))?.liaison).toBe('peipao1');

    at(0).liaison_username = '';
    writeSheetCsv(file, ENTERPRISE_SHEET, [at(0)]);
    const kept = await run(database, cipher, file);
    expect(kept.counts.enterprises).toEqual({ inserted: 0, updated: 0, unchanged: 1, rejected: 0 });
    expect((await stored(database, cipher)).get(creditCode(0))?.liaison).toBe('peipao1');
  });

  it('names every bad row with its reason and imports the good ones', async () => {
    const { database, cipher } = await setup();
    const rows = enterprises(12);
    const at = (i: number) => rows[i] as (typeof rows)[number];
    const code = String(at(0).credit_code);
    at(0).credit_code = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    at(1).credit_code = String(at(2).credit_code).toLowerCase(); // same code as row 2, in lower case
    at(3).grid_code = '330109013002-G99';
    at(4).tags = '专精特新、瞪羚';
    at(5).tags = '百强(2)';
    at(6).contact_phone = '12345';
    at(7).name = '';
    at(8).address = '地'.repeat(201);
    const expected: [number, string, string][] = [
      [0, 'credit_code', 'credit_code.invalid'],
      [1, 'credit_code', 'credit_code.duplicate_in_file'],
      [2, 'credit_code', 'credit_code.duplicate_in_file'],
      [3, 'grid_code', 'grid_code.unknown'],
      [4, 'tags', 'tags.unknown'],
      [5, 'tags', 'tags.level_not_allowed'],
      [6, 'contact_phone', 'contact_phone.invalid'],
      [7, 'name', 'name.required'],
      [8, 'address', 'address.too_long'],
    ];
    const file = path.join(tempDir(), 'bad.xlsx');
    await writeSheetXlsx(file, ENTERPRISE_SHEET, rows);
    const summary = await run(database, cipher, file);
    expect(summary.issues.map((i) => [i.row, i.column, i.code])).toEqual(
      expected.map(([i, column, c]) => [sheetRow(i), column, c]),
    );
    for (const issue of summary.issues) expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
    expect(summary.issues.find((i) => i.code === 'tags.unknown')?.message).toContain('瞪羚');
    expect(summary.counts.enterprises).toEqual({ inserted: 3, updated: 0, unchanged: 0, rejected: 9 });
    const saved = await stored(database, cipher);
    for (const i of [9, 10, 11]) expect(saved.has(creditCode(i))).toBe(true);
    for (const i of [0, 2, 3, 4, 5, 6, 7, 8]) expect(saved.has(creditCode(i))).toBe(false);
  });
});

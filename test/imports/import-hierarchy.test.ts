import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/engine.ts';
import { verifyAuditChains } from '../../src/server/modules/audit/audit.repository.ts';
import { HIERARCHY_SHEET, type HierarchyKey } from '../../src/server/modules/imports/hierarchy-columns.ts';
import { importHierarchy } from '../../src/server/modules/imports/import-hierarchy.ts';
import { IMPORTERS } from '../../src/server/modules/imports/import-kinds.ts';
import { REPORT_SHEET } from '../../src/server/modules/imports/sheet-spec.ts';
import { createTestDatabase, testEngine } from '../support/db.ts';
import { importFixture } from './support/import-fixture.ts';
import { type SheetRows, sheetRow, writeSheetCsv, writeSheetXlsx } from './support/sheet-file.ts';
import { auditCounts, importRuns, TEST_KEY, tableRows } from './support/territory.ts';

const { tempDir, setup, run, closeAfter } = importFixture('minqing-import-hier-', importHierarchy);

async function regionsByCode(database: Database) {
  const rows = await database.db
    .selectFrom('region as r')
    .leftJoin('region as p', (j) =>
      j.onRef('p.district_code', '=', 'r.district_code').onRef('p.id', '=', 'r.parent_id'),
    )
    .select([
      'r.district_code',
      'r.code',
      'r.level',
      'r.name',
      'r.kind',
      'r.path',
      'r.sort_order',
      'p.code as parent_code',
      'p.path as parent_path',
    ])
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}

// Children before parents on purpose: the import builds parents first.
const CLEAN: SheetRows<HierarchyKey> = [
  {
    level: '微网格',
    code: '330109013901-G01-01',
    name: '宁睿社区第1网格第1微网格',
    parent_code: '330109013901-G01',
  },
  {
    level: '网格',
    code: '330109013901-G01',
    name: '宁睿社区第1网格',
    parent_code: '330109013901',
    sort_order: 1,
  },
  { level: '社区', code: '330109013901', name: '宁睿社区', sort_order: 30 },
  { level: '村', code: '330109099001', name: '新湾村', parent_code: '330109099' },
  { level: 'street', code: '330109099', name: '新湾街道', kind: '街道' },
  { level: 'grid', code: '330109099001-G01', name: '新湾村第1网格', parent_code: '330109099001' },
  // An existing grid, as it is: unchanged.
  {
    level: '网格',
    code: '330109013002-G01',
    name: '振宁社区第1网格',
    parent_code: '330109013002',
    sort_order: 1,
  },
];

describe(`hierarchy import (${testEngine()})`, () => {
  it('builds parents first with the seeder’s paths; the same file again (XLSX or CSV) changes nothing', async () => {
    const { database, cipher } = await setup();
    const dir = tempDir();
    const xlsx = path.join(dir, 'regions.xlsx');
    await writeSheetXlsx(xlsx, HIERARCHY_SHEET, CLEAN);

    const first = await run(database, cipher, xlsx);
    expect(first.issues).toEqual([]);
    expect(first.districtCode).toBe('330109');
    expect(first.counts.regions).toEqual({ inserted: 6, updated: 0, unchanged: 1, rejected: 0 });

    const regions = await regionsByCode(database);
    for (const row of CLEAN) {
      const r = regions.get(String(row.code));
      expect(r, String(row.code)).toBeDefined();
      expect(r?.district_code).toBe('330109');
      expect(r?.path).toBe(`${r?.parent_path}.${row.code}`);
    }
    expect(regions.get('330109013901')).toMatchObject({
      level: 'community',
      kind: '社区',
      parent_code: '330109013',
      sort_order: 30,
      path: '330109.330109013.330109013901',
    });
    expect(regions.get('330109099001')).toMatchObject({
      level: 'community',
      kind: '村',
      parent_code: '330109099',
    });
    expect(regions.get('330109099')).toMatchObject({ level: 'street', kind: '街道', parent_code: '330109' });
    expect(regions.get('330109013901-G01-01')).toMatchObject({
      level: 'micro_grid',
      kind: null,
      sort_order: 0,
      path: '330109.330109013.330109013901.330109013901-G01.330109013901-G01-01',
    });
    expect(await auditCounts(database)).toMatchObject({ 'import.hierarchy': 1, 'import.run': 1 });

    const before = await tableRows(database, 'region');
    const auditBefore = await auditCounts(database);
    const again = await run(database, cipher, xlsx);
    expect(again.counts.regions).toEqual({ inserted: 0, updated: 0, unchanged: 7, rejected: 0 });
    expect(again.batchesWritten).toBe(0);
    const csv = path.join(dir, 'regions.csv');
    writeSheetCsv(csv, HIERARCHY_SHEET, CLEAN);
    const fromCsv = await run(database, cipher, csv);
    expect(fromCsv.format).toBe('csv');
    expect(fromCsv.counts.regions).toEqual({ inserted: 0, updated: 0, unchanged: 7, rejected: 0 });
    expect(await tableRows(database, 'region')).toEqual(before);
    // Each run leaves its own row, and nothing else.
    expect(await auditCounts(database)).toEqual({
      ...auditBefore,
      'import.run': (auditBefore['import.run'] ?? 0) + 2,
    });
    const runs = await importRuns(database);
    expect(runs.at(-1)).toMatchObject({
      district_code: '330109',
      result: 'success',
      actor_name: 'test',
      detail: {
        kind: 'hierarchy',
        file: 'regions.csv',
        rows: 7,
        counts: { regions: { inserted: 0, updated: 0, unchanged: 7, rejected: 0 } },
      },
    });
    expect((await verifyAuditChains(database.db)).breaks).toEqual([]);
  });

  it('renames and reorders an existing node and touches nothing else', async () => {
    const { database, cipher } = await setup();
    const file = path.join(tempDir(), 'rename.csv');
    writeSheetCsv(file, HIERARCHY_SHEET, [
      { level: '社区', code: '330109013002', name: '振宁社区（新）', kind: '', sort_order: '' },
      {
        level: '网格',
        code: '330109013002-G02',
        name: '振宁社区第2网格',
        parent_code: '330109013002',
        sort_order: 7,
      },
    ]);
    const before = await tableRows(database, 'region');
    const summary = await run(database, cipher, file);
    expect(summary.issues).toEqual([]);
    expect(summary.counts.regions).toEqual({ inserted: 0, updated: 2, unchanged: 0, rejected: 0 });
    const after = await tableRows(database, 'region');
    const changed = after.filter((r, i) => JSON.stringify(r) !== JSON.stringify(before[i]));
    expect(changed.map((r) => r.code).sort()).toEqual(['330109013002', '330109013002-G02']);
    const community = after.find((r) => r.code === '330109013002');
    // An empty kind or sort order keeps the node's own.
    expect(community).toMatchObject({ name: '振宁社区（新）', kind: '社区', sort_order: 1 });
    expect(after.find((r) => r.code === '330109013002-G02')).toMatchObject({ sort_order: 7 });
    expect(community?.updated_at).not.toBe(before.find((r) => r.code === '330109013002')?.updated_at);
  });

  it('names every bad row with its reason and imports the good ones', async () => {
    const { database, cipher } = await setup();
    const rows: SheetRows<HierarchyKey> = [
      { level: '网格', code: '330109013002-G91', name: '好网格', parent_code: '330109013002' }, // 0 good
      { level: '片区', code: 'X1', name: '片区', parent_code: '330109013002' }, // 1 level.invalid
      { level: '街道', code: '330110001', name: '外区街道' }, // 2 code.other_district
      { level: '社区', code: '330109013950', name: '错社区', parent_code: '330109014' }, // 3 code.parent_prefix
      { level: '网格', code: '330109013002-G92', name: '无上级' }, // 4 parent_code.required
      { level: '网格', code: '330109013002-G93', name: '上级不存在', parent_code: '330109013999' }, // 5 unknown
      { level: '微网格', code: '330109013002-G94', name: '上级不是网格', parent_code: '330109013002' }, // 6 level
      { level: '网格', code: '330109013002-G95', name: '重复一', parent_code: '330109013002' }, // 7 duplicate
      { level: '网格', code: '330109013002-G95', name: '重复二', parent_code: '330109013002' }, // 8 duplicate
      { level: '网格', code: '330109013002-G01', name: '振宁社区第1网格', parent_code: '330109013003' }, // 9 moved
      { level: '网格', code: '330109013002', name: '层级冲突', parent_code: '330109013' }, // 10 level_conflict
      {
        level: '网格',
        code: '330109013002-G96',
        name: '排序错',
        parent_code: '330109013002',
        sort_order: 'x',
      }, // 11
      { level: '网格', code: '330109013002 G97', name: '空格', parent_code: '330109013002' }, // 12 code.format
      { level: '社区', code: '330109013951', name: '' }, // 13 name.required
      { level: '网格', code: '330109013951-G01', name: '上级有错', parent_code: '330109013951' }, // 14 parent rejected
      { level: '区', code: '330109', name: '萧山区', parent_code: '330100' }, // 15 parent_code.not_allowed
      { level: '微网格', code: '330109013002-G91-01', name: '好微网格', parent_code: '330109013002-G91' }, // 16 good
    ];
    const expected: [number, string, string][] = [
      [1, 'level', 'level.invalid'],
      [2, 'code', 'code.other_district'],
      [3, 'code', 'code.parent_prefix'],
      [4, 'parent_code', 'parent_code.required'],
      [5, 'parent_code', 'parent_code.unknown'],
      [6, 'parent_code', 'parent_code.level'],
      [7, 'code', 'code.duplicate_in_file'],
      [8, 'code', 'code.duplicate_in_file'],
      [9, 'parent_code', 'parent_code.moved'],
      [10, 'code', 'code.level_conflict'],
      [11, 'sort_order', 'sort_order.invalid'],
      [12, 'code', 'code.format'],
      [13, 'name', 'name.required'],
      [14, 'parent_code', 'parent_code.rejected'],
      [15, 'parent_code', 'parent_code.not_allowed'],
    ];
    const dir = tempDir();
    const file = path.join(dir, 'bad.xlsx');
    await writeSheetXlsx(file, HIERARCHY_SHEET, rows);
    const before = await regionsByCode(database);
    const summary = await run(database, cipher, file, { districtCode: '330109' });

    for (const [index, column, code] of expected) {
      expect(summary.issues, `${code} on row ${sheetRow(index)}`).toContainEqual(
        expect.objectContaining({
          row: sheetRow(index),
          column,
          code,
          message: expect.stringMatching(/[\u4e00-\u9fff]/),
        }),
      );
    }
    expect(new Set(summary.issues.map((i) => i.row))).toEqual(new Set(expected.map(([i]) => sheetRow(i))));
    expect(summary.counts.regions).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: expected.length,
    });

    const after = await regionsByCode(database);
    expect(after.get('330109013002-G91-01')?.parent_code).toBe('330109013002-G91');
    expect(after.size).toBe(before.size + 2);
    // The moved grid stays where it was.
    expect(after.get('330109013002-G01')?.parent_code).toBe('330109013002');

    const report = path.join(dir, 'report.xlsx');
    const handled = await IMPORTERS.hierarchy.run(database.db, file, {
      cipher,
      actor: { username: 'test', sourceIp: null },
      districtCode: '330109',
    });
    await handled.writeReport(report);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(report);
    const sheet = workbook.getWorksheet(REPORT_SHEET);
    expect(sheet?.getRow(1).values).toEqual([undefined, '行号', '编码', '列', '原因代码', '说明']);
    const reported = new Map<number, string[]>();
    sheet?.eachRow((row, n) => {
      if (n === 1) return;
      const at = Number(row.getCell(1).value);
      reported.set(at, [...(reported.get(at) ?? []), String(row.getCell(4).value)]);
    });
    for (const [index, , code] of expected) expect(reported.get(sheetRow(index))).toContain(code);
    expect(handled.result.issueCount).toBe(sheet ? sheet.actualRowCount - 1 : -1);
  });

  it('creates a new district from its own row, and refuses a file mixing districts', async () => {
    const database = await createTestDatabase();
    closeAfter(database);
    const { createPiiCipher } = await import('../../src/server/crypto/pii.ts');
    const cipher = createPiiCipher(TEST_KEY);
    const dir = tempDir();
    const file = path.join(dir, 'district.csv');
    writeSheetCsv(file, HIERARCHY_SHEET, [
      { level: '网格', code: 'G01', name: '第一网格', parent_code: '330110001001' },
      { level: '社区', code: '330110001001', name: '南苑社区' },
      { level: '镇', code: '330110001', name: '临平镇' },
      { level: '区', code: '330110', name: '余杭区' },
    ]);
    const summary = await run(database, cipher, file);
    expect(summary.issues).toEqual([]);
    expect(summary.counts.regions?.inserted).toBe(4);
    const regions = await regionsByCode(database);
    expect(regions.get('330110')).toMatchObject({
      level: 'district',
      kind: '区',
      path: '330110',
      parent_code: null,
    });
    expect(regions.get('330110001')).toMatchObject({ kind: '镇', path: '330110.330110001' });
    expect(regions.get('G01')).toMatchObject({
      district_code: '330110',
      path: '330110.330110001.330110001001.G01',
    });
    expect((await importRuns(database)).map((r) => r.district_code)).toEqual(['330110']);

    const mixed = path.join(dir, 'mixed.csv');
    writeSheetCsv(mixed, HIERARCHY_SHEET, [
      { level: '街道', code: '330110002', name: '乔司街道' },
      { level: '街道', code: '330111001', name: '别区街道' },
    ]);
    await expect(run(database, cipher, mixed)).rejects.toMatchObject({
      issues: [expect.objectContaining({ reason: 'file.mixed_districts' })],
    });
    // The refused file is on record too.
    const runs = await importRuns(database);
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({
      result: 'failure',
      detail: { kind: 'hierarchy', problem: 'file.mixed_districts' },
    });
  });
});

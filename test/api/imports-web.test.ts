import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_GRID_CODE, HOUSEHOLD_SHEET } from '../../src/server/modules/imports/columns.ts';
import type { ImportRun } from '../../src/shared/domain/transfer.ts';
import { buildIdCardNumber } from '../../src/shared/validation/id-card.ts';
import { type ImportRow, writeCsv, writeXlsx } from '../imports/support/households-file.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { seedSmallDemo } from '../support/demo.ts';

/**
 * Imports through the web (issue 3 §4): the file is the raw body, the same importer as the
 * command line runs with the caller as actor, the run is kept with its report to download; the
 * template is a download too. Only data:import (the system administrator) may, district-wide.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 20);
  for (const u of ['sysadmin', 'leader']) cookies[u] = await demo.signIn(u);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-imports-web-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.close();
});

function household(code: string, members: Partial<ImportRow>[]): ImportRow[] {
  return members.map((m, i) => ({
    household_code: code,
    grid_code: EXAMPLE_GRID_CODE,
    address: `萧山区宁围街道振宁社区网页导入${code}号`,
    estate: '网页花园',
    building: '2幢',
    unit: '1单元',
    room: '101室',
    tags: '',
    name: `成员${i}`,
    gender: '男',
    birth_date: '1980-05-01',
    relationship: i === 0 ? '户主' : '子',
    id_number: null,
    phone: null,
    ...m,
  }));
}

const upload = (
  kind: string,
  body: Buffer | Readable | string,
  contentType?: string,
  user = 'sysadmin',
  query = '',
) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${kind}${query}`,
    headers: { cookie: cookies[user] as string, ...(contentType ? { 'content-type': contentType } : {}) },
    payload: body,
  });

async function sheetOf(body: Buffer, name: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name} in ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('web import', () => {
  it('downloads the template of a kind', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/imports/templates/households',
      headers: { cookie: cookies.sysadmin as string },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1] ?? '')).toBe(
      '导入模板-住户成员.xlsx',
    );
    const rows = await sheetOf(res.rawPayload, HOUSEHOLD_SHEET.sheet);
    expect(rows[0]).toEqual(HOUSEHOLD_SHEET.keys.map((k) => HOUSEHOLD_SHEET.columns[k].header));
    const leader = await t.app.inject({
      method: 'GET',
      url: '/api/v1/imports/templates/households',
      headers: { cookie: cookies.leader as string },
    });
    expect(leader.statusCode).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/imports/templates/cases',
          headers: { cookie: cookies.sysadmin as string },
        })
      ).statusCode,
    ).toBe(422);
  });

  it('imports a good CSV file, keeps the run, and audits it', async () => {
    const file = path.join(dir, 'good.csv');
    writeCsv(file, [
      ...household('WEB-0001', [
        { id_number: buildIdCardNumber('330109', '1980-05-01', 11), phone: '13800001111' },
        { name: '成员1', birth_date: '2008-09-09', id_number: buildIdCardNumber('330109', '2008-09-09', 13) },
      ]),
      ...household('WEB-0002', [{ gender: '女', id_number: buildIdCardNumber('330109', '1980-05-01', 22) }]),
    ]);
    const res = await upload(
      'households',
      fs.readFileSync(file),
      'text/csv',
      'sysadmin',
      '?fileName=住户-好.csv',
    );
    expect(res.statusCode).toBe(200);
    const body = res.json() as { runId: string; result: { counts: Record<string, Record<string, number>> } };
    expect(body.result).toMatchObject({
      kind: 'households',
      fileName: '住户-好.csv',
      rows: 3,
      issueCount: 0,
    });
    expect(body.result.counts.households).toMatchObject({ inserted: 2, rejected: 0 });
    expect(body.result.counts.persons).toMatchObject({ inserted: 3, rejected: 0 });
    const stored = await t.database.db
      .selectFrom('household')
      .select('code')
      .where('code', 'in', ['WEB-0001', 'WEB-0002'])
      .execute();
    expect(stored.length).toBe(2);
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'object_id'])
      .where('action', 'in', ['import.uploaded', 'import.run', 'import.households'])
      .execute();
    expect(audits.filter((a) => a.actor_name === 'sysadmin').map((a) => a.action)).toContain(
      'import.uploaded',
    );
    expect(audits.find((a) => a.action === 'import.uploaded')?.object_id).toBe(body.runId);

    // The same file again changes nothing.
    const again = await upload('households', fs.readFileSync(file), 'text/csv');
    expect(again.json().result.counts.households).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('imports an XLSX file with one bad row, and the report names that row', async () => {
    const file = path.join(dir, 'bad.xlsx');
    const bad = buildIdCardNumber('330109', '1975-01-02', 33).slice(0, 17);
    await writeXlsx(file, [
      ...household('WEB-0101', [{ id_number: buildIdCardNumber('330109', '1980-05-01', 51) }]),
      ...household('WEB-0102', [
        { birth_date: '1975-01-02', id_number: `${bad}${bad.endsWith('0') ? '1' : '0'}` },
      ]),
      ...household('WEB-0103', [{ gender: '女', id_number: buildIdCardNumber('330109', '1980-05-01', 62) }]),
    ]);
    const res = await upload('households', fs.readFileSync(file), XLSX, 'sysadmin', '?fileName=bad.xlsx');
    expect(res.statusCode).toBe(200);
    const { runId, result } = res.json() as {
      runId: string;
      result: { issueCount: number; counts: Record<string, Record<string, number>> };
    };
    expect(result.counts.households).toMatchObject({ inserted: 2, rejected: 1 });
    expect(result.counts.persons).toMatchObject({ inserted: 2, rejected: 1 });
    expect(result.issueCount).toBe(1);

    const list = await demo.send('GET', '/api/v1/imports', undefined, cookies.sysadmin);
    expect(list.status).toBe(200);
    const runs = (list.json() as { items: ImportRun[] }).items;
    expect(runs[0]).toMatchObject({ id: runId, kind: 'households', fileName: 'bad.xlsx', hasReport: true });
    expect(runs[0]?.createdBy).toContain('系统管理员');
    expect(runs[0]?.result.counts.households?.rejected).toBe(1);
    expect(runs.length).toBeGreaterThanOrEqual(3);

    const report = await t.app.inject({
      method: 'GET',
      url: `/api/v1/imports/${runId}/report`,
      headers: { cookie: cookies.sysadmin as string },
    });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe(XLSX);
    expect(decodeURIComponent(String(report.headers['content-disposition']).split("UTF-8''")[1] ?? '')).toBe(
      'bad-导入校验报告.xlsx',
    );
    const rows = await sheetOf(report.rawPayload, '导入校验报告');
    const issues = rows.slice(1);
    expect(issues.length).toBe(1);
    // Row 3 of the sheet: the header, WEB-0101's row, then the bad one.
    expect(issues[0]?.[0]).toBe('3');
    expect(issues[0]?.join(' ')).toContain('WEB-0102');
    expect(issues[0]?.join(' ')).toContain('id_number.check_digit');

    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/v1/imports/00000000-0000-7000-8000-000000000000/report',
      headers: { cookie: cookies.sysadmin as string },
    });
    expect(unknown.statusCode).toBe(404);
    expect((await demo.send('GET', '/api/v1/imports', undefined, cookies.leader)).status).toBe(403);
  });

  it('accepts what browsers label spreadsheets with, and refuses other media types with 415', async () => {
    const file = path.join(dir, 'types.csv');
    writeCsv(file, household('WEB-0201', [{ id_number: buildIdCardNumber('330109', '1980-05-01', 71) }]));
    const csv = fs.readFileSync(file);
    for (const type of ['application/vnd.ms-excel', 'application/octet-stream', 'text/csv; charset=utf-8']) {
      const res = await upload('households', csv, type);
      expect(res.statusCode, type).toBe(200);
    }
    // No type at all: the bytes decide.
    expect((await upload('households', csv)).statusCode).toBe(200);
    for (const type of ['application/json', 'text/plain', 'image/png', 'multipart/form-data; boundary=x']) {
      const res = await upload('households', type === 'application/json' ? '{"a":1}' : csv, type);
      expect(res.statusCode, type).toBe(415);
      expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('refuses empty, old-format and wrong-header files with 422 and keeps no run', async () => {
    const before = (await t.database.db.selectFrom('import_run').select('id').execute()).length;
    const empty = await upload('households', Buffer.alloc(0), 'text/csv');
    expect(empty.statusCode).toBe(422);
    const xls = await upload(
      'households',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      XLSX,
    );
    expect(xls.statusCode).toBe(422);
    expect(xls.json().errors[0].reason).toBe('file.format');
    const header = await upload('households', Buffer.from('姓名,电话\n张三,13800001111\n'), 'text/csv');
    expect(header.statusCode).toBe(422);
    expect(header.json().errors[0].reason).toBe('file.header');
    const notZip = await upload('households', Buffer.from('PK\u0003\u0004 not really a zip'), XLSX);
    expect(notZip.statusCode).toBe(422);
    expect((await t.database.db.selectFrom('import_run').select('id').execute()).length).toBe(before);
    expect((await upload('cases', Buffer.from('a'), 'text/csv')).statusCode).toBe(422);
  });

  it('refuses callers without data:import before reading the body', async () => {
    const res = await upload('households', Buffer.from('x'.repeat(1000)), 'text/csv', 'leader');
    expect(res.statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/households',
      headers: { 'content-type': 'application/json' },
      payload: '{"not": "read"}',
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('upload size limit', () => {
  let small: TestApp;
  let cookie: string;
  beforeAll(async () => {
    small = await createTestApp({ MINQING_IMPORT_MAX_BYTES: '4096' });
    cookie = await (await seedSmallDemo(small, 0)).signIn('sysadmin');
  });
  afterAll(async () => small.close());

  it('answers 413 for a body over MINQING_IMPORT_MAX_BYTES, declared or streamed', async () => {
    const big = Buffer.alloc(5000, 'a');
    const declared = await small.app.inject({
      method: 'POST',
      url: '/api/v1/imports/households',
      headers: { cookie, 'content-type': 'text/csv' },
      payload: big,
    });
    expect(declared.statusCode).toBe(413);
    expect(declared.json().code).toBe('PAYLOAD_TOO_LARGE');
    // Without a length up front, the count of bytes read stops it.
    const streamed = await small.app.inject({
      method: 'POST',
      url: '/api/v1/imports/households',
      headers: { cookie, 'content-type': 'text/csv' },
      payload: Readable.from([big.subarray(0, 3000), big.subarray(3000)]),
    });
    expect(streamed.statusCode).toBe(413);
    const fits = await small.app.inject({
      method: 'POST',
      url: '/api/v1/imports/households',
      headers: { cookie, 'content-type': 'text/csv' },
      payload: Buffer.from(
        `${HOUSEHOLD_SHEET.keys.map((k) => HOUSEHOLD_SHEET.columns[k].header).join(',')}\n`,
      ),
    });
    expect(fits.statusCode).toBe(200);
    expect(fits.json().result.rows).toBe(0);
  });
});

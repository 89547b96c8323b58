import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_KEYS, COLUMNS, EXAMPLE_GRID_CODE } from '../../src/server/modules/imports/columns.ts';
import { ENTERPRISE_COLUMNS, ENTERPRISE_KEYS } from '../../src/server/modules/imports/enterprise-columns.ts';
import type { EnterpriseDetail } from '../../src/shared/domain/enterprise.ts';
import type { HouseholdDetail } from '../../src/shared/domain/household.ts';
import type { CreatedVisit } from '../../src/shared/domain/visit.ts';
import { containsPoint, type GridGeometry } from '../../src/shared/map/geojson.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { uniqueCreditCode } from '../support/enterprises.ts';

/**
 * Households' and enterprises' positions (issue 12 §7) on one demo database: set, read back and
 * cleared through the API with an audit row, refused whole when half given, out of range or too
 * precise; imported from the 纬度/经度 columns (a bad pair is a row in the report, not a 5xx);
 * and a first check-in measured against a position set through the API.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
let grid = { id: '', path: '' };

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 20);
  const worker = (await demoGrants(t)).find((g) => g.username === 'worker1');
  if (!worker?.path) throw new Error('no worker1 grant');
  grid = await firstGridBelow(t, worker.path);
  for (const u of ['worker1', 'sysadmin']) cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, user = 'worker1') =>
  demo.send(method, url, body, cookies[user]);

const audits = (objectId: string, action: string) =>
  t.database.db
    .selectFrom('audit_log')
    .select('detail')
    .where('object_id', '=', objectId)
    .where('action', '=', action)
    .orderBy('seq')
    .execute();

/** Each body is refused with 422 VALIDATION_FAILED naming the field in `path`. */
async function expectRefused(method: 'POST' | 'PATCH', url: string, cases: [unknown, string][]) {
  for (const [body, path] of cases) {
    const res = await send(method, url, body);
    expect(res.status, JSON.stringify(body)).toBe(422);
    const problem = res.json() as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.map((e) => e.path).join(), JSON.stringify(body)).toContain(path);
  }
}

const BAD_POSITIONS: [unknown, string][] = [
  [{ latitude: 30.2 }, 'position.longitude'],
  [{ longitude: 120.2 }, 'position.latitude'],
  [{ latitude: 91, longitude: 120.2 }, 'position.latitude'],
  [{ latitude: 30.2, longitude: -180.5 }, 'position.longitude'],
  [{ latitude: 30.1234567, longitude: 120.2 }, 'position.latitude'],
  [{ latitude: '30.2', longitude: 120.2 }, 'position.latitude'],
];

describe('positions', () => {
  it('seeds every demo enterprise with a position inside its own grid', async () => {
    const rows = await t.database.db
      .selectFrom('enterprise as e')
      .innerJoin('region_boundary as b', (j) =>
        j.onRef('b.district_code', '=', 'e.district_code').onRef('b.region_id', '=', 'e.grid_id'),
      )
      .select(['e.latitude', 'e.longitude', 'b.geometry'])
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.latitude, 'every demo enterprise has a position').not.toBeNull();
      const shape = (typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry) as GridGeometry;
      expect(containsPoint(shape, [r.longitude as number, r.latitude as number])).toBe(true);
    }
  });

  it('sets, reads back, moves and clears a household position, audited; refuses half or out of range', async () => {
    const created = await send('POST', '/api/v1/households', {
      gridId: grid.id,
      address: '位置测试小区1幢101室',
      position: { latitude: 30.213456, longitude: 120.271234 },
    });
    expect(created.status, created.text()).toBe(201);
    const h = created.json() as HouseholdDetail;
    expect(h.position).toEqual({ latitude: 30.213456, longitude: 120.271234 });
    const url = `/api/v1/households/${h.id}`;
    expect(((await send('GET', url)).json() as HouseholdDetail).position).toEqual(h.position);

    const moved = await send('PATCH', url, { position: { latitude: -12.5, longitude: -77.000001 } });
    expect(moved.status, moved.text()).toBe(200);
    expect(((await send('GET', url)).json() as HouseholdDetail).position).toEqual({
      latitude: -12.5,
      longitude: -77.000001,
    });
    const [audit] = await audits(h.id, 'household.updated');
    expect(audit?.detail).toMatchObject({
      fields: ['position'],
      position: { before: h.position, after: { latitude: -12.5, longitude: -77.000001 } },
    });

    expect((await send('PATCH', url, { position: null })).status).toBe(200);
    expect(((await send('GET', url)).json() as HouseholdDetail).position).toBeNull();
    const row = await t.database.db
      .selectFrom('household')
      .select(['latitude', 'longitude'])
      .where('id', '=', h.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ latitude: null, longitude: null });

    await expectRefused(
      'PATCH',
      url,
      BAD_POSITIONS.map(([position, path]) => [{ position }, path]),
    );
    await expectRefused('POST', '/api/v1/households', [
      [{ gridId: grid.id, address: '半个位置', position: { latitude: 30.2 } }, 'position.longitude'],
    ]);
    expect(((await send('GET', url)).json() as HouseholdDetail).position).toBeNull();
  });

  it('sets, reads back and clears an enterprise position, audited; refuses half or out of range', async () => {
    const created = await send('POST', '/api/v1/enterprises', {
      gridId: grid.id,
      name: '杭州位置测试科技有限公司',
      creditCode: uniqueCreditCode(),
      address: '位置路1号',
      position: { latitude: 30.2, longitude: 120.3 },
    });
    expect(created.status, created.text()).toBe(201);
    const e = created.json() as EnterpriseDetail;
    expect(e.position).toEqual({ latitude: 30.2, longitude: 120.3 });
    const url = `/api/v1/enterprises/${e.id}`;

    expect((await send('PATCH', url, { position: { latitude: 30.21, longitude: 120.31 } })).status).toBe(200);
    expect(((await send('GET', url)).json() as EnterpriseDetail).position).toEqual({
      latitude: 30.21,
      longitude: 120.31,
    });
    const [audit] = await audits(e.id, 'enterprise.updated');
    expect(audit?.detail).toMatchObject({
      changed: ['position'],
      position: {
        before: { latitude: 30.2, longitude: 120.3 },
        after: { latitude: 30.21, longitude: 120.31 },
      },
    });

    expect((await send('PATCH', url, { position: null })).status).toBe(200);
    expect(((await send('GET', url)).json() as EnterpriseDetail).position).toBeNull();
    expect(await audits(e.id, 'enterprise.updated')).toHaveLength(2);

    await expectRefused(
      'PATCH',
      url,
      BAD_POSITIONS.map(([position, path]) => [{ position }, path]),
    );
  });

  it('imports positions from the 纬度/经度 columns, reporting a half or out-of-range pair per row', async () => {
    const csv = (headers: string[], rows: Record<string, string>[], keys: readonly string[]) =>
      [headers.join(','), ...rows.map((r) => keys.map((k) => r[k] ?? '').join(','))].join('\n');
    const upload = (kind: string, body: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/imports/${kind}`,
        headers: { cookie: cookies.sysadmin as string, 'content-type': 'text/csv' },
        payload: body,
      });
    type Result = {
      result: { counts: Record<string, Record<string, number>> };
      runId: string;
    };
    /** The validation report's rows (after its header) as text. */
    const reportRows = async (runId: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/imports/${runId}/report`,
        headers: { cookie: cookies.sysadmin as string },
      });
      expect(res.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows: string[] = [];
      workbook.getWorksheet('导入校验报告')?.eachRow((row, n) => {
        if (n > 1) rows.push((row.values as unknown[]).slice(1).join(' '));
      });
      return rows;
    };

    const member = { grid_code: EXAMPLE_GRID_CODE, name: '位置', gender: '男', birth_date: '1980-05-01' };
    const households = await upload(
      'households',
      csv(
        COLUMN_KEYS.map((k) => COLUMNS[k].header),
        [
          {
            ...member,
            household_code: 'POS-0001',
            address: '导入位置1号',
            relationship: '户主',
            latitude: '30.123456',
            longitude: '120.654321',
          },
          {
            ...member,
            household_code: 'POS-0002',
            address: '导入位置2号',
            relationship: '户主',
            latitude: '30.1',
          },
          {
            ...member,
            household_code: 'POS-0003',
            address: '导入位置3号',
            relationship: '户主',
            latitude: '95',
            longitude: '120.1',
          },
        ],
        COLUMN_KEYS,
      ),
    );
    expect(households.statusCode, households.body).toBe(200);
    const h = households.json() as Result;
    expect(h.result.counts.households).toMatchObject({ inserted: 1, rejected: 2 });
    const stored = await t.database.db
      .selectFrom('household')
      .select(['code', 'latitude', 'longitude'])
      .where('code', 'like', 'POS-%')
      .execute();
    expect(stored).toEqual([{ code: 'POS-0001', latitude: 30.123456, longitude: 120.654321 }]);
    const householdIssues = await reportRows(h.runId);
    expect(householdIssues).toHaveLength(2);
    expect(householdIssues.find((r) => r.includes('POS-0002'))).toContain('position.incomplete');
    expect(householdIssues.find((r) => r.includes('POS-0003'))).toContain('latitude.invalid');

    // Enterprises: a good row stored with its position, a bad one reported.
    const goodEnterprise = {
      name: '杭州导入位置一有限公司',
      credit_code: uniqueCreditCode(),
      address: '导入路1号',
      grid_code: EXAMPLE_GRID_CODE,
    };
    const enterprises = await upload(
      'enterprises',
      csv(
        ENTERPRISE_KEYS.map((k) => ENTERPRISE_COLUMNS[k].header),
        [
          { ...goodEnterprise, latitude: '30.2', longitude: '120.2' },
          {
            name: '杭州导入位置二有限公司',
            credit_code: uniqueCreditCode(),
            address: '导入路2号',
            grid_code: EXAMPLE_GRID_CODE,
            latitude: '',
            longitude: '120.2',
          },
        ],
        ENTERPRISE_KEYS,
      ),
    );
    expect(enterprises.statusCode, enterprises.body).toBe(200);
    const e = enterprises.json() as Result;
    expect(e.result.counts.enterprises).toMatchObject({ inserted: 1, rejected: 1 });
    const good = await t.database.db
      .selectFrom('enterprise')
      .select(['latitude', 'longitude'])
      .where('name', '=', goodEnterprise.name)
      .executeTakeFirstOrThrow();
    expect(good).toEqual({ latitude: 30.2, longitude: 120.2 });
    // A file without the position columns (written before them) imports, keeping the position.
    const withoutPosition = ENTERPRISE_KEYS.filter((k) => k !== 'latitude' && k !== 'longitude');
    const again = await upload(
      'enterprises',
      csv(
        withoutPosition.map((k) => ENTERPRISE_COLUMNS[k].header),
        [goodEnterprise],
        withoutPosition,
      ),
    );
    expect(again.statusCode, again.body).toBe(200);
    expect((again.json() as Result).result.counts.enterprises).toMatchObject({ unchanged: 1, rejected: 0 });
    expect(
      await t.database.db
        .selectFrom('enterprise')
        .select(['latitude', 'longitude'])
        .where('name', '=', goodEnterprise.name)
        .executeTakeFirstOrThrow(),
    ).toEqual({ latitude: 30.2, longitude: 120.2 });
    const enterpriseIssues = await reportRows(e.runId);
    expect(enterpriseIssues).toHaveLength(1);
    expect(enterpriseIssues[0]).toContain('position.incomplete');
    expect(enterpriseIssues[0]).toContain('纬度');
  });

  it('measures a first check-in against a position set through the API', async () => {
    const created = await send('POST', '/api/v1/households', {
      gridId: grid.id,
      address: '签到测试小区2幢202室',
      position: { latitude: 30.25, longitude: 120.25 },
    });
    expect(created.status, created.text()).toBe(201);
    const h = created.json() as HouseholdDetail;
    const res = await demo.send(
      'POST',
      '/api/v1/visits',
      {
        form: 'routine',
        target: { type: 'household', householdId: h.id },
        startedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
        endedAt: new Date(Date.now() - 60_000).toISOString(),
        notes: '入户走访',
        // About 5.6 km north of the position just recorded.
        checkIn: { latitude: 30.3, longitude: 120.25, accuracy: 10 },
      },
      cookies.worker1,
      { 'idempotency-key': uuidv7() },
    );
    expect(res.status, res.text()).toBe(201);
    const visit = res.json() as CreatedVisit;
    expect(visit.distanceM).toBeGreaterThan(5500);
    expect(visit.distanceM).toBeLessThan(5600);
    expect(visit.far).toBe(true);
  });
});

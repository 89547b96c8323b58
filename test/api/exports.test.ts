import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUSEHOLD_SHEET } from '../../src/server/modules/imports/columns.ts';
import { IMPORTERS } from '../../src/server/modules/imports/import-kinds.ts';
import { createUser } from '../../src/server/modules/users/create-user.ts';
import { type Progress, progressSchema } from '../../src/shared/domain/progress.ts';
import { DEFAULT_TAGS } from '../../src/shared/domain/tags.ts';
import type { ExportRequest } from '../../src/shared/domain/transfer.ts';
import { snapshot } from '../imports/support/territory.ts';
import { readZip } from '../imports/support/zip.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { signIn } from '../support/auth.ts';
import { demoGrants, seedSmallDemo } from '../support/demo.ts';

/**
 * Streamed exports and their approvals (docs/specs/trust.md §10, §15): masked unless an approved request of
 * the caller names the kind and a region containing the exported one; each approval allows one
 * export; a daily limit per user; an audit row for every export and decision; and an export with
 * personal data in full re-imports into the same database without changing a thing.
 */

const ID_MASKED = /^\d{4}\*{10}[\dX]{4}$/;
const PHONE_MASKED = /^\d{3}\*{4}\d{4}$/;
const PER_DAY = 3;

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const users: Record<string, string> = {};
let street: { id: string; path: string; name: string };
let district: { id: string; path: string };
let community: { id: string; path: string; name: string };
let otherCommunity: { id: string; path: string };
/** Every ID number and phone of the demo, decrypted: none may appear in a masked export. */
let secrets: string[] = [];
let dir: string;

beforeAll(async () => {
  t = await createTestApp({ MINQING_PII_EXPORTS_PER_DAY: String(PER_DAY) });
  demo = await seedSmallDemo(t, 300);
  const db = t.database.db;
  const regions = await db
    .selectFrom('region')
    .select(['id', 'path', 'name', 'level'])
    .where('level', 'in', ['district', 'street', 'community'])
    .orderBy('path')
    .execute();
  district = regions.find((r) => r.level === 'district') as typeof district;
  street = regions.find((r) => r.level === 'street') as typeof street;
  const grants = await demoGrants(t);
  for (const g of grants) users[g.username] = g.user_id;
  const w1 = grants.find((g) => g.username === 'worker1');
  const w2 = grants.find((g) => g.username === 'worker2');
  community = { id: w1?.region_id as string, path: w1?.path as string, name: w1?.name as string };
  otherCommunity = { id: w2?.region_id as string, path: w2?.path as string };
  const people = await db.selectFrom('person').select(['id_number_enc', 'phone_enc']).execute();
  secrets = people
    .flatMap((p) => [p.id_number_enc, p.phone_enc])
    .filter((v) => v !== null)
    .map((v) => t.app.ctx.cipher.decrypt(v as Uint8Array));
  for (const u of ['leader', 'dispatcher', 'secadmin', 'sysadmin', 'worker1'])
    cookies[u] = await demo.signIn(u);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-exports-test-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.close();
});

const download = (url: string, user: string) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: cookies[user] as string } });

async function sheetRows(body: Buffer): Promise<{ sheet: string; rows: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(Array.from({ length: HOUSEHOLD_SHEET.keys.length }, (_, i) => String(values[i + 1] ?? '')));
  });
  return { sheet: sheet.name, rows };
}

const column = (key: (typeof HOUSEHOLD_SHEET.keys)[number]) => HOUSEHOLD_SHEET.keys.indexOf(key);

async function personsBelow(regionPath: string) {
  return t.database.db
    .selectFrom('person as p')
    .innerJoin('household as h', (j) =>
      j.onRef('h.district_code', '=', 'p.district_code').onRef('h.id', '=', 'p.household_id'),
    )
    .select(['p.id_number_enc', 'p.phone_enc'])
    .where((eb) =>
      eb.or([eb('h.region_path', '=', regionPath), eb('h.region_path', 'like', `${regionPath}.%`)]),
    )
    .where('p.removed_at', 'is', null)
    .where('h.removed_at', 'is', null)
    .execute();
}

const auditRows = (action: string) => auditRowsOf(t, action);

const requestExport = (user: string, body: Record<string, unknown>) =>
  demo.send('POST', '/api/v1/export-requests', body, cookies[user]);

const decide = (
  id: string,
  decision: 'approve' | 'refuse',
  body: Record<string, unknown>,
  user = 'secadmin',
) => demo.send('POST', `/api/v1/export-requests/${id}/${decision}`, body, cookies[user]);

/** The caller's own requests (`mine`) or the security administrator's review list. */
async function requestList(user: string, list: 'mine' | 'review' = 'mine'): Promise<ExportRequest[]> {
  const url = list === 'mine' ? '/api/v1/export-requests' : '/api/v1/export-requests/review';
  return ((await demo.send('GET', url, undefined, cookies[user])).json() as { items: ExportRequest[] }).items;
}

/** Imports an exported workbook back into the database, with the data as it was before and after. */
async function reimport(workbook: Buffer, fileName: string) {
  const file = path.join(dir, fileName);
  fs.writeFileSync(file, workbook);
  const before = await snapshot(t.database);
  const run = await IMPORTERS.households.run(t.database.db, file, {
    cipher: t.app.ctx.cipher,
    actor: { username: 'test', sourceIp: null },
  });
  return { before, run, after: await snapshot(t.database) };
}

async function ask(user: string, regionId: string, kind = 'households'): Promise<ExportRequest> {
  const res = await requestExport(user, { kind, regionId, reason: '季度走访核对住户联系方式' });
  expect(res.status).toBe(201);
  return res.json() as ExportRequest;
}

async function approve(id: string) {
  const res = await decide(id, 'approve', {});
  expect(res.status).toBe(200);
  return res.json() as ExportRequest;
}

describe('masked exports', () => {
  it('streams the street as an XLSX in the import format, with no ID number or phone in plain text', async () => {
    const res = await download('/api/v1/exports/households', 'leader');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['cache-control']).toBe('no-store');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(
      /^attachment; filename="households-\d+-\d{8}-masked\.xlsx"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toMatch(
      new RegExp(`^住户成员-${street.name}-\\d{8}-脱敏\\.xlsx$`),
    );
    const { sheet, rows } = await sheetRows(res.rawPayload);
    expect(sheet).toBe(HOUSEHOLD_SHEET.sheet);
    expect(rows[0]).toEqual(HOUSEHOLD_SHEET.keys.map((k) => HOUSEHOLD_SHEET.columns[k].header));
    const data = rows.slice(1);
    expect(data.length).toBe(Number(res.headers['x-export-rows']));
    expect(data.length).toBe((await personsBelow(street.path)).length);
    const ids = data.map((r) => r[column('id_number')]).filter((v) => v);
    const phones = data.map((r) => r[column('phone')]).filter((v) => v);
    expect(ids.length).toBeGreaterThan(10);
    expect(phones.length).toBeGreaterThan(10);
    for (const id of ids) expect(id).toMatch(ID_MASKED);
    for (const phone of phones) expect(phone).toMatch(PHONE_MASKED);
    const cells = new Set(data.flat());
    expect(secrets.length).toBeGreaterThan(20);
    expect(secrets.filter((s) => cells.has(s))).toEqual([]);
    // Nor anywhere in the archive's parts (a value could hide in another sheet or a shared string).
    const xml = readZip(res.rawPayload)
      .map((part) => part.data.toString('utf8'))
      .join('\n');
    expect(xml).toContain(ids[0]);
    expect(secrets.filter((s) => xml.includes(s))).toEqual([]);

    const audits = await auditRows('export.households');
    const last = audits.at(-1);
    expect(last).toMatchObject({ actor_name: 'leader', result: 'success', object_id: street.id });
    expect(last?.detail).toMatchObject({ rows: data.length, personal: false, requestId: null });
  });

  it('exports one region of the scope, refuses one outside it with 404 and callers without data:export with 403', async () => {
    const res = await download(`/api/v1/exports/households?regionId=${community.id}`, 'leader');
    expect(res.statusCode).toBe(200);
    const { rows } = await sheetRows(res.rawPayload);
    expect(rows.length - 1).toBe((await personsBelow(community.path)).length);
    const gridCodes = [...new Set(rows.slice(1).map((r) => r[column('grid_code')] ?? ''))];
    const communityCode = community.path.split('.').at(-1) as string;
    expect(gridCodes.length).toBeGreaterThan(1);
    expect(gridCodes.filter((code) => !code.startsWith(`${communityCode}-`))).toEqual([]);

    expect((await download(`/api/v1/exports/households?regionId=${district.id}`, 'leader')).statusCode).toBe(
      404,
    );
    expect((await download('/api/v1/exports/households', 'dispatcher')).statusCode).toBe(403);
    expect((await download('/api/v1/exports/households', 'worker1')).statusCode).toBe(403);
    expect((await download('/api/v1/exports/households?regionId=nope', 'leader')).statusCode).toBe(422);
    expect((await download('/api/v1/exports/cases', 'leader')).statusCode).toBe(422);
    expect((await download('/api/v1/exports/households?limit=5', 'leader')).statusCode).toBe(422);
  });

  it('re-imports a masked export without changing anything: masked values are refused', async () => {
    const res = await download(`/api/v1/exports/households?regionId=${community.id}`, 'leader');
    const { before, run, after } = await reimport(res.rawPayload, 'masked.xlsx');
    expect(after.households).toEqual(before.households);
    expect(after.persons).toEqual(before.persons);
    expect(run.result.counts.persons?.inserted).toBe(0);
    expect(run.result.counts.persons?.updated).toBe(0);
    expect(run.result.issueCount).toBeGreaterThan(0);
  });
});

/** A run reserved by `user` to follow an export's progress (issue 13 §4). */
async function reserveExport(user: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/exports/runs',
    headers: { cookie: cookies[user] as string },
    payload: {},
  });
  expect(res.statusCode).toBe(201);
  return (res.json() as { id: string }).id;
}

/** The run's server-sent events, read until the stream ends (at once for a finished run). */
async function progressOf(id: string, user: string): Promise<{ status: number; events: Progress[] }> {
  const res = await download(`/api/v1/exports/${id}/progress`, user);
  if (res.statusCode !== 200) return { status: res.statusCode, events: [] };
  expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
  const events = res.body
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => progressSchema.parse(JSON.parse(block.slice('data: '.length))));
  return { status: 200, events };
}

describe('export progress', () => {
  it('follows a download from its reservation to done, rows written of the count, for its starter only', async () => {
    const id = await reserveExport('leader');
    // Followed while the export runs: the stream reads the run's row, not the exporting process.
    const following = progressOf(id, 'leader');
    const res = await download(`/api/v1/exports/households?progressId=${id}`, 'leader');
    expect(res.statusCode).toBe(200);
    const rows = Number(res.headers['x-export-rows']);
    expect(rows).toBeGreaterThan(500);
    const { events } = await following;
    const order = ['waiting', 'reading', 'writing', 'done'];
    for (let i = 1; i < events.length; i++) {
      const [before, after] = [events[i - 1] as Progress, events[i] as Progress];
      expect(order.indexOf(after.state)).toBeGreaterThanOrEqual(order.indexOf(before.state));
      expect(after.done).toBeGreaterThanOrEqual(before.done);
    }
    for (const e of events.filter((e) => e.state === 'writing')) expect(e.total).toBe(rows);
    const done = { id, operation: 'export', kind: 'households', state: 'done', done: rows, total: rows };
    expect(events.at(-1)).toEqual({ ...done, errorCode: null });
    expect((await progressOf(id, 'leader')).events).toEqual([{ ...done, errorCode: null }]);

    // Used up, and nobody else's: not found for anyone but the leader, who cannot start it again.
    expect((await progressOf(id, 'dispatcher')).status).toBe(404);
    expect((await progressOf(id, 'sysadmin')).status).toBe(404);
    expect((await download(`/api/v1/exports/households?progressId=${id}`, 'leader')).statusCode).toBe(404);
    const theirs = await reserveExport('dispatcher');
    expect((await download(`/api/v1/exports/households?progressId=${theirs}`, 'leader')).statusCode).toBe(
      404,
    );
    expect((await download('/api/v1/exports/households?progressId=nope', 'leader')).statusCode).toBe(422);
    expect((await download(`/api/v1/imports/${theirs}/progress`, 'dispatcher')).statusCode).toBe(403);
  });

  it('follows list exports too, and ends a refused export with failed and its code', async () => {
    const id = await reserveExport('worker1');
    const res = await download(`/api/v1/cases/export?progressId=${id}`, 'worker1');
    expect(res.statusCode).toBe(200);
    const rows = Number(res.headers['x-export-rows']);
    // The last byte may reach the client just before the run is marked done: the stream waits for it.
    expect((await progressOf(id, 'worker1')).events.at(-1)).toEqual({
      id,
      operation: 'export',
      kind: 'cases',
      state: 'done',
      done: rows,
      total: rows,
      errorCode: null,
    });
    // The audit of the export names its filters, not the run it reported to.
    const audit = (await auditRows('export.cases')).at(-1);
    expect(JSON.stringify(audit?.detail)).not.toContain(id);
    for (const [kind, url] of [
      ['visits', '/api/v1/visits/export'],
      ['opinions', '/api/v1/opinions/export'],
    ] as const) {
      const run = await reserveExport('worker1');
      const listed = await download(`${url}?progressId=${run}`, 'worker1');
      expect(listed.statusCode).toBe(200);
      expect((await progressOf(run, 'worker1')).events.at(-1)).toMatchObject({
        kind,
        state: 'done',
        done: Number(listed.headers['x-export-rows']),
      });
    }

    const refused = await reserveExport('leader');
    expect(
      (await download(`/api/v1/exports/households?regionId=${district.id}&progressId=${refused}`, 'leader'))
        .statusCode,
    ).toBe(404);
    expect((await progressOf(refused, 'leader')).events).toEqual([
      {
        id: refused,
        operation: 'export',
        kind: 'households',
        state: 'failed',
        done: 0,
        total: null,
        errorCode: 'NOT_FOUND',
      },
    ]);
  });
});

describe('export requests and personal exports', () => {
  it('lets a leader ask, a security administrator approve, and the leader download once in full', async () => {
    const asked = await ask('leader', community.id);
    expect(asked).toMatchObject({
      kind: 'households',
      regionId: community.id,
      status: 'pending',
      actions: [],
    });
    expect(asked.regionName).toBe(community.name);

    const mine = await requestList('leader');
    expect(mine[0]?.id).toBe(asked.id);
    const review = await requestList('secadmin', 'review');
    const listed = review.find((r) => r.id === asked.id);
    expect(listed?.actions).toEqual(['approve', 'refuse']);
    expect(listed?.requestedBy.name).toContain('街道领导');
    expect((await demo.send('GET', '/api/v1/export-requests/review', undefined, cookies.leader)).status).toBe(
      403,
    );
    expect((await decide(asked.id, 'approve', {}, 'leader')).status).toBe(403);

    const approved = await approve(asked.id);
    expect(approved.status).toBe('approved');
    expect(approved.decidedBy).toContain('安全管理员');
    const hours = (Date.parse(approved.expiresAt ?? '') - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const again = await requestList('leader');
    expect(again.find((r) => r.id === asked.id)?.actions).toEqual(['download']);

    // Without the request id the same export is still masked.
    const masked = await sheetRows(
      (await download(`/api/v1/exports/households?regionId=${community.id}`, 'leader')).rawPayload,
    );
    expect(masked.rows.slice(1).some((r) => ID_MASKED.test(r[column('id_number')] ?? ''))).toBe(true);

    const full = await download(`/api/v1/exports/households?requestId=${asked.id}`, 'leader');
    expect(full.statusCode).toBe(200);
    expect(String(full.headers['content-disposition'])).toContain('-full.xlsx');
    const { rows } = await sheetRows(full.rawPayload);
    const expected = (await personsBelow(community.path)).flatMap((p) =>
      [p.id_number_enc, p.phone_enc]
        .filter((v) => v !== null)
        .map((v) => t.app.ctx.cipher.decrypt(v as Uint8Array)),
    );
    const cells = new Set(rows.slice(1).flat());
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.filter((v) => !cells.has(v))).toEqual([]);
    // Only the approved region: nothing of the other community.
    const elsewhere = (await personsBelow(otherCommunity.path))
      .flatMap((p) => [p.id_number_enc])
      .filter((v) => v !== null)
      .map((v) => t.app.ctx.cipher.decrypt(v as Uint8Array));
    expect(elsewhere.filter((v) => cells.has(v))).toEqual([]);

    const used = await requestList('leader');
    expect(used.find((r) => r.id === asked.id)).toMatchObject({ status: 'used', actions: [] });
    const second = await download(`/api/v1/exports/households?requestId=${asked.id}`, 'leader');
    expect(second.statusCode).toBe(403);
    expect(second.json().code).toBe('APPROVAL_REQUIRED');

    const exported = (await auditRows('export.households')).filter(
      (r) => (r.detail as { requestId: string | null }).requestId === asked.id,
    );
    expect(exported.map((r) => [r.result, (r.detail as { personal: boolean }).personal])).toEqual([
      ['success', true],
      ['denied', true],
    ]);
    expect(exported[0]?.detail).toMatchObject({ rows: rows.length - 1 });
    expect((await auditRows('export_request.created')).some((r) => r.object_id === asked.id)).toBe(true);
    const decisions = (await auditRows('export_request.approved')).filter((r) => r.object_id === asked.id);
    expect(decisions.map((r) => r.actor_name)).toEqual(['secadmin']);
  });

  it('re-imports a full export with every row unchanged', async () => {
    // The seeder tags 残疾 without the level the tag list requires and leaves is_key unset; make
    // the data what every write keeps it (the export then writes 残疾(2), and is_key matches).
    await sql`update household set tag_levels = ${JSON.stringify({ 残疾: '2' })}::jsonb
      where '残疾' = any(tags)`.execute(t.database.db);
    const keyTags = DEFAULT_TAGS.filter((d) => d.subject === 'household' && d.marksKey).map((d) => d.code);
    await sql`update household set is_key = tags && ${keyTags}::text[]`.execute(t.database.db);
    const asked = await ask('leader', street.id);
    await approve(asked.id);
    const res = await download(`/api/v1/exports/households?requestId=${asked.id}`, 'leader');
    expect(res.statusCode).toBe(200);
    const { before, run, after } = await reimport(res.rawPayload, 'full.xlsx');
    expect(run.result.issueCount).toBe(0);
    expect(run.result.rows).toBe(Number(res.headers['x-export-rows']));
    const persons = run.result.counts.persons;
    const households = run.result.counts.households;
    expect(persons).toMatchObject({ inserted: 0, updated: 0, rejected: 0 });
    expect(persons?.unchanged).toBe(before.persons.length);
    expect(households).toMatchObject({ inserted: 0, updated: 0, rejected: 0 });
    expect(households?.unchanged).toBe(before.households.length);
    expect(after.households).toEqual(before.households);
    expect(after.persons).toEqual(before.persons);
  });

  it('refuses pending, refused, expired, foreign and mismatched requests', async () => {
    const pending = await ask('leader', community.id);
    const tryExport = (id: string, extra = '') =>
      download(`/api/v1/exports/households?requestId=${id}${extra}`, 'leader');
    const pendingRes = await tryExport(pending.id);
    expect(pendingRes.statusCode).toBe(403);
    expect(pendingRes.json()).toMatchObject({ code: 'APPROVAL_REQUIRED' });

    // A refusal needs a note; a decided request cannot be decided again.
    expect((await decide(pending.id, 'refuse', {})).status).toBe(422);
    const refused = await decide(pending.id, 'refuse', { note: '理由不充分，请说明用途' });
    expect(refused.status).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', decisionNote: '理由不充分，请说明用途' });
    expect((await tryExport(pending.id)).statusCode).toBe(403);
    const twice = await decide(pending.id, 'approve', {});
    expect(twice.status).toBe(409);
    expect((await auditRows('export_request.refused')).some((r) => r.object_id === pending.id)).toBe(true);

    const expiring = await ask('leader', community.id);
    await approve(expiring.id);
    await t.database.db
      .updateTable('export_request')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', expiring.id)
      .execute();
    const expired = await tryExport(expiring.id);
    expect(expired.statusCode).toBe(403);
    expect(expired.json().detail).toMatch(/expired/);
    const listed = await requestList('leader');
    expect(listed.find((r) => r.id === expiring.id)).toMatchObject({ status: 'expired', actions: [] });

    // Someone else's approval is no use, and is answered like an unknown id.
    const foreign = await ask('sysadmin', community.id);
    await approve(foreign.id);
    const theirs = await tryExport(foreign.id);
    expect(theirs.statusCode).toBe(403);
    expect((await tryExport('00000000-0000-7000-8000-000000000000')).json().detail).toBe(
      theirs.json().detail,
    );

    // The approval covers its region only, and its kind only.
    const narrow = await ask('leader', community.id);
    await approve(narrow.id);
    expect((await tryExport(narrow.id, `&regionId=${otherCommunity.id}`)).statusCode).toBe(403);
    expect((await tryExport(narrow.id, `&regionId=${street.id}`)).statusCode).toBe(403);
    const enterprises = await download(`/api/v1/exports/enterprises?requestId=${narrow.id}`, 'leader');
    expect(enterprises.statusCode).toBe(403);
    expect((await download(`/api/v1/exports/hierarchy?requestId=${narrow.id}`, 'leader')).statusCode).toBe(
      422,
    );
    // Refusals used nothing: the approval still works for its own region.
    const ok = await tryExport(narrow.id, `&regionId=${community.id}`);
    expect(ok.statusCode).toBe(200);
    const denied = (await auditRows('export.households')).filter((r) => r.result === 'denied');
    expect(denied.length).toBeGreaterThanOrEqual(6);
  });

  it('never lets anyone decide on their own request, and checks the request itself', async () => {
    const id = '0190a000-0000-7000-8000-0000000000aa';
    await t.database.db
      .insertInto('export_request')
      .values({
        district_code: district.path.split('.')[0] as string,
        id,
        subject: 'households',
        region_id: community.id,
        reason: '安全管理员自己提出的申请',
        requested_by: users.secadmin as string,
      })
      .execute();
    const own = await decide(id, 'approve', {});
    expect(own.status).toBe(403);
    expect((own.json() as { code: string }).code).toBe('FORBIDDEN');
    const ownRefusal = await decide(id, 'refuse', { note: '自己不能审批' });
    expect(ownRefusal.status).toBe(403);
    const review = await requestList('secadmin', 'review');
    expect(review.find((r) => r.id === id)?.actions).toEqual([]);
    // Pending first.
    const statuses = review.map((r) => r.status);
    expect(statuses.indexOf('pending')).toBe(0);
    expect(statuses.slice(statuses.findIndex((s) => s !== 'pending')).includes('pending')).toBe(false);

    expect((await decide('00000000-0000-7000-8000-000000000000', 'approve', {})).status).toBe(404);
    const reason = '季度走访核对住户联系方式';
    const refusedRequests: [user: string, body: Record<string, unknown>, status: number][] = [
      ['leader', { kind: 'households', regionId: community.id, reason: '太短' }, 422],
      ['leader', { kind: 'hierarchy', regionId: community.id, reason: '区域没有个人信息，不需要申请' }, 422],
      ['leader', { kind: 'households', regionId: district.id, reason: '全区住户信息核对工作需要' }, 404],
      ['leader', { kind: 'households', regionId: community.id, reason, status: 'approved' }, 422],
      ['dispatcher', { kind: 'households', regionId: community.id, reason }, 403],
    ];
    for (const [user, body, status] of refusedRequests) {
      expect((await requestExport(user, body)).status, `${user} ${JSON.stringify(body)}`).toBe(status);
    }
  });

  it(`allows ${PER_DAY} personal exports per user in 24 hours, then answers 429 with Retry-After`, async () => {
    const approvals: string[] = [];
    for (let i = 0; i <= PER_DAY; i++) {
      const asked = await ask('sysadmin', community.id);
      await approve(asked.id);
      approvals.push(asked.id);
    }
    for (const id of approvals.slice(0, PER_DAY)) {
      expect((await download(`/api/v1/exports/households?requestId=${id}`, 'sysadmin')).statusCode).toBe(200);
    }
    const limited = await download(`/api/v1/exports/households?requestId=${approvals[PER_DAY]}`, 'sysadmin');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(23 * 3600);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    // The approval was not used up by the refusal, and masked exports go on.
    const mine = await requestList('sysadmin');
    expect(mine.find((r) => r.id === approvals[PER_DAY])?.status).toBe('approved');
    expect((await download('/api/v1/exports/households', 'sysadmin')).statusCode).toBe(200);
    // Once the oldest export leaves the 24-hour window, the next one is allowed.
    await t.database.db
      .updateTable('export_request')
      .set({ used_at: new Date(Date.now() - 25 * 3_600_000) })
      .where('id', '=', approvals[0] as string)
      .execute();
    expect(
      (await download(`/api/v1/exports/households?requestId=${approvals[PER_DAY]}`, 'sysadmin')).statusCode,
    ).toBe(200);
    const denied = (await auditRows('export.households')).filter(
      (r) => r.result === 'denied' && (r.detail as { reason: string }).reason === 'rate_limited',
    );
    expect(denied.length).toBe(1);
  });
});

describe('the other kinds', () => {
  const reimport = async (kind: 'hierarchy' | 'enterprises' | 'staff', body: Buffer) => {
    const file = path.join(dir, `${kind}.xlsx`);
    fs.writeFileSync(file, body);
    return IMPORTERS[kind].run(t.database.db, file, {
      cipher: t.app.ctx.cipher,
      actor: { username: 'test', sourceIp: null },
    });
  };
  const unchanged = (counts: Record<string, { inserted: number; updated: number; rejected: number }>) =>
    Object.values(counts).every((c) => c.inserted === 0 && c.updated === 0 && c.rejected === 0);

  it('exports the hierarchy of a region in its import format, which re-imports unchanged', async () => {
    const res = await download(`/api/v1/exports/hierarchy?regionId=${community.id}`, 'leader');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe(IMPORTERS.hierarchy.sheet);
    const below = await t.database.db
      .selectFrom('region')
      .select('code')
      .where((eb) => eb.or([eb('path', '=', community.path), eb('path', 'like', `${community.path}.%`)]))
      .execute();
    expect((sheet?.rowCount ?? 0) - 1).toBe(below.length);
    const run = await reimport('hierarchy', res.rawPayload);
    expect(run.result.issueCount).toBe(0);
    expect(unchanged(run.result.counts)).toBe(true);
  });

  it('masks enterprise contact phones and staff phones, and re-imports them in full unchanged', async () => {
    // The earlier tests' personal exports count against today's limit: move them to yesterday.
    await t.database.db
      .updateTable('export_request')
      .set({ used_at: new Date(Date.now() - 25 * 3_600_000) })
      .where('used_at', 'is not', null)
      .execute();
    for (const kind of ['enterprises', 'staff'] as const) {
      const masked = await download(`/api/v1/exports/${kind}`, 'leader');
      expect(masked.statusCode, kind).toBe(200);
      const xml = readZip(masked.rawPayload)
        .map((part) => part.data.toString('utf8'))
        .join('\n');
      expect(xml).toMatch(/1\d\d\*{4}\d{4}/);
      const phones = (
        kind === 'enterprises'
          ? await t.database.db.selectFrom('enterprise').select('contact_phone_enc as enc').execute()
          : await t.database.db.selectFrom('staff').select('phone_enc as enc').execute()
      )
        .filter((r) => r.enc !== null)
        .map((r) => t.app.ctx.cipher.decrypt(r.enc as Uint8Array));
      expect(phones.length, kind).toBeGreaterThan(0);
      expect(phones.filter((p) => xml.includes(p))).toEqual([]);

      const asked = await ask('leader', street.id, kind);
      await approve(asked.id);
      const full = await download(`/api/v1/exports/${kind}?requestId=${asked.id}`, 'leader');
      expect(full.statusCode, kind).toBe(200);
      const fullXml = readZip(full.rawPayload)
        .map((part) => part.data.toString('utf8'))
        .join('\n');
      expect(phones.filter((p) => !fullXml.includes(p))).toEqual([]);
      const run = await reimport(kind, full.rawPayload);
      expect(run.result.issueCount, kind).toBe(0);
      expect(run.result.rows, kind).toBe(Number(full.headers['x-export-rows']));
      expect(unchanged(run.result.counts), kind).toBe(true);
    }
  });
});

describe('one security administrator cannot get personal data alone (issue 10 §5)', () => {
  const NEW_PASSWORD = 'Own#2026-chosen-pw';
  const key = `exports-${process.pid}`;
  let counter = 0;

  /** Signs a new account in with the password it was given, enrols, sets its own password. */
  async function firstSignIn(username: string, password: string): Promise<string> {
    const cookie = await signIn(demo.send, username, key, password);
    const changed = await demo.send(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: password, newPassword: NEW_PASSWORD },
      cookie,
    );
    expect(changed.json()).toEqual({ next: 'done' });
    return cookie;
  }

  /** An account made by the security administrator through the API, signed in by them. */
  async function madeBySecadmin(role: 'leader' | 'secadmin') {
    const username = `${role}.made.${counter++}`;
    const res = await demo.send(
      'POST',
      '/api/v1/users',
      {
        username,
        displayName: `${role} 新账号`,
        grants: [{ role, scopeRegionId: role === 'leader' ? street.id : null }],
      },
      cookies.secadmin,
    );
    expect(res.status).toBe(201);
    const { user, oneTimePassword } = res.json() as { user: { id: string }; oneTimePassword: string };
    users[username] = user.id;
    cookies[username] = await firstSignIn(username, oneTimePassword);
    return username;
  }

  /** An account made by the command line (no administrator knew its credentials). */
  async function madeByCommandLine(role: 'leader' | 'secadmin') {
    const username = `${role}.cli.${counter++}`;
    const password = 'Cli#2026-first-pw';
    users[username] = await createUser(t.database.db, {
      districtCode: district.path.split('.')[0] as string,
      username,
      displayName: `${role} 命令行`,
      password,
      mustChangePassword: true,
      grants: [{ role, scopeRegionId: role === 'leader' ? street.id : null }],
      actor: { districtCode: district.path.split('.')[0] as string, username: 'cli', sourceIp: null },
    });
    cookies[username] = await firstSignIn(username, password);
    return username;
  }

  const codeOf = (res: { json: () => unknown }) => (res.json() as { code: string }).code;

  it('refuses an administrator duty together with a business role, when creating and when changing grants', async () => {
    const before = await t.database.db.selectFrom('app_user').select('id').execute();
    // The attack as reported: an account holding leader + secadmin.
    const both = await demo.send(
      'POST',
      '/api/v1/users',
      {
        username: 'leader.and.secadmin',
        displayName: '兼任',
        grants: [
          { role: 'leader', scopeRegionId: street.id },
          { role: 'secadmin', scopeRegionId: null },
        ],
      },
      cookies.secadmin,
    );
    expect(both.status).toBe(409);
    expect(codeOf(both)).toBe('DUTY_CONFLICT');
    for (const duty of ['sysadmin', 'auditor'] as const) {
      const res = await demo.send(
        'POST',
        '/api/v1/users',
        {
          username: `dispatcher.and.${duty}`,
          displayName: '兼任',
          grants: [
            { role: 'dispatcher', scopeRegionId: street.id },
            { role: duty, scopeRegionId: null },
          ],
        },
        cookies.secadmin,
      );
      expect(codeOf(res), duty).toBe('DUTY_CONFLICT');
    }
    expect((await t.database.db.selectFrom('app_user').select('id').execute()).length).toBe(before.length);
    const changed = await demo.send(
      'PUT',
      `/api/v1/users/${users.leader}/grants`,
      {
        grants: [
          { role: 'leader', scopeRegionId: street.id },
          { role: 'secadmin', scopeRegionId: null },
        ],
      },
      cookies.secadmin,
    );
    expect(changed.status).toBe(409);
    expect(codeOf(changed)).toBe('DUTY_CONFLICT');
    // Nothing changed: the leader is still signed in as a leader.
    expect((await demo.send('GET', '/api/v1/auth/me', undefined, cookies.leader)).status).toBe(200);
  });

  it('refuses the approval by whoever created the requester, directly or through another account of theirs', async () => {
    // The administrator makes a leader, signs in as it (they hold the one-time password) and asks.
    const puppet = await madeBySecadmin('leader');
    const asked = await ask(puppet, community.id);
    const review = await requestList('secadmin', 'review');
    expect(review.find((r) => r.id === asked.id)?.actions).toEqual(['refuse']);
    const own = await decide(asked.id, 'approve', {});
    expect(own.status).toBe(403);
    expect(codeOf(own)).toBe('EXPORT_APPROVER_NOT_INDEPENDENT');
    const denied = (await auditRows('export_request.approved')).filter((r) => r.object_id === asked.id);
    expect(denied.map((r) => [r.actor_name, r.result])).toEqual([['secadmin', 'denied']]);

    // A second security administrator account made by the same person is the same person.
    const second = await madeBySecadmin('secadmin');
    const viaSecond = await decide(asked.id, 'approve', {}, second);
    expect(codeOf(viaSecond)).toBe('EXPORT_APPROVER_NOT_INDEPENDENT');
    expect((await requestList(second, 'review')).find((r) => r.id === asked.id)?.actions).toEqual(['refuse']);
    // Nothing was decided and nothing can be downloaded.
    expect((await requestList(puppet)).find((r) => r.id === asked.id)?.status).toBe('pending');
    const tryFull = await download(`/api/v1/exports/households?requestId=${asked.id}`, puppet);
    expect(tryFull.statusCode).toBe(403);

    // A security administrator whose account no one of them made decides.
    const independent = await madeByCommandLine('secadmin');
    const approved = await decide(asked.id, 'approve', {}, independent);
    expect(approved.status).toBe(200);
    expect((approved.json() as ExportRequest).status).toBe('approved');
  });

  it('counts a password reset like a creation, and forgets both after MINQING_EXPORT_APPROVER_CREATOR_DAYS', async () => {
    const owner = await madeByCommandLine('leader');
    const before = await ask(owner, community.id);
    expect((await decide(before.id, 'approve', {})).status).toBe(200);

    // The administrator resets the password, signs in with the one-time password and asks.
    const reset = await demo.send(
      'POST',
      `/api/v1/users/${users[owner]}/reset-password`,
      {},
      cookies.secadmin,
    );
    expect(reset.status).toBe(200);
    cookies[owner] = await firstSignIn(owner, (reset.json() as { oneTimePassword: string }).oneTimePassword);
    const after = await ask(owner, community.id);
    expect(codeOf(await decide(after.id, 'approve', {}))).toBe('EXPORT_APPROVER_NOT_INDEPENDENT');

    // 31 days later (the default window is 30), the reset and the creation no longer count.
    const old = new Date(Date.now() - 31 * 86_400_000);
    await t.database.db
      .updateTable('app_user')
      .set({ credentials_reset_at: old })
      .where('id', '=', users[owner] as string)
      .execute();
    expect((await decide(after.id, 'approve', {})).status).toBe(200);
    const puppet = await madeBySecadmin('leader');
    const asked = await ask(puppet, community.id);
    expect(codeOf(await decide(asked.id, 'approve', {}))).toBe('EXPORT_APPROVER_NOT_INDEPENDENT');
    await t.database.db
      .updateTable('app_user')
      .set({ created_at: old })
      .where('id', '=', users[puppet] as string)
      .execute();
    expect((await decide(asked.id, 'approve', {})).status).toBe(200);
  });
});

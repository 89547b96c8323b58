import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PosterSheet } from '../../src/shared/domain/public-codes.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import type { Send } from '../support/auth.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { open311Client } from '../support/open311.ts';
import type { QueryCounter } from '../support/query-counter.ts';
import { countedSecondServer } from '../support/second-server.ts';

// What a resident's report reads besides its write (the place its code names, the district's form
// settings, the dispatchers it notifies) is kept in memory under the district's auth version
// (src/server/modules/public-reports/public-place.ts), and so is what an Open311 request reads
// (its client, district and service; open311/create-request.ts). Two servers on one database: B
// takes the requests from outside and keeps those reads; the changes are made through A, and B's
// very next request must follow them.

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let b: FastifyInstance;
let sendB: Send;
let admin: string;
let counter: QueryCounter;
let estateId: string;
let grid: { id: string; path: string; district_code: string };
let otherCommunity: string;
const codes = { grid: '', estate: '' };

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 20);
  const grants = await demoGrants(t);
  grid = await firstGridBelow(t, grants.find((g) => g.username === 'worker1')?.path as string);
  otherCommunity = grants.find((g) => g.username === 'worker2')?.region_id as string;
  admin = await demo.signIn('sysadmin');
  const estate = await demo.send('POST', `/api/v1/regions/${grid.id}/estates`, { name: '金桂园' }, admin);
  expect(estate.status, estate.text()).toBe(201);
  estateId = (estate.json() as { id: string }).id;
  const sheet = await demo.send('GET', `/api/v1/regions/${grid.id}/posters`, undefined, admin);
  expect(sheet.status, sheet.text()).toBe(200);
  const posters = (sheet.json() as PosterSheet).posters;
  codes.grid = posters.find((p) => p.kind === 'grid')?.code as string;
  codes.estate = posters.find((p) => p.kind === 'estate')?.code as string;
  // All of B's reports come from one address: its per-address limit is raised.
  ({
    app: b,
    send: sendB,
    counter,
  } = await countedSecondServer(t, {
    MINQING_PUBLIC_RATE_LIMIT_PER_MINUTE: '1000',
  }));
});
afterAll(async () => {
  await b?.close();
  await t?.close();
});

/** A resident's report on server B by a code or region id; answers the response and the statements B ran. */
async function reportOnB(place: string | { regionId: string }) {
  counter.statements = [];
  const res = await sendB('POST', '/api/v1/public/reports', {
    ...(typeof place === 'string' ? { code: place } : place),
    kind: 'help',
    title: '楼道灯坏了',
    description: '三单元楼道灯坏了一周。',
    phone: '13912345678',
  });
  return { res, statements: counter.perRequest };
}

const readsOf = (statements: string[], table: string) =>
  statements.filter((s) => s.startsWith('{"kind":"SelectQueryNode"') && s.includes(`"name":"${table}"`));

const addressOf = async (number: string) =>
  (
    await t.database.db
      .selectFrom('case_record')
      .select('address')
      .where('number', '=', number)
      .executeTakeFirstOrThrow()
  ).address;

describe('reads a public report keeps under the auth version', () => {
  it('reads the version and nothing else before its statement once warm, and follows an estate renamed on another server', async () => {
    expect((await reportOnB(codes.estate)).res.status).toBe(201);
    const warm = await reportOnB(codes.estate);
    expect(warm.res.status, warm.res.text()).toBe(201);
    expect(warm.statements).toHaveLength(2);
    expect(warm.statements[0]).toContain('"name":"auth_epoch"');
    for (const table of ['public_code', 'region', 'estate', 'system_setting', 'role_grant']) {
      expect(readsOf(warm.statements, table)).toEqual([]);
    }
    expect(await addressOf((warm.res.json() as { number: string }).number)).toContain('金桂园');
    // The code as a resident may type it (lower case, spaces) is the same kept place.
    const typed = await reportOnB(` ${codes.estate.toLowerCase()} `);
    expect(typed.res.status, typed.res.text()).toBe(201);
    expect(typed.statements).toHaveLength(2);

    const renamed = await demo.send('PATCH', `/api/v1/estates/${estateId}`, { name: '银桂园' }, admin);
    expect(renamed.status, renamed.text()).toBe(200);
    const after = await reportOnB(codes.estate);
    expect(after.res.status).toBe(201);
    expect(await addressOf((after.res.json() as { number: string }).number)).toContain('银桂园');
  });

  it('files a report by region id at the grid where another server has just moved it', async () => {
    expect((await reportOnB({ regionId: grid.id })).res.status).toBe(201);
    const warm = await reportOnB({ regionId: grid.id });
    expect(warm.statements).toHaveLength(2);
    const moved = await demo.send(
      'POST',
      `/api/v1/regions/${grid.id}/move`,
      { parentId: otherCommunity },
      admin,
    );
    expect(moved.status, moved.text()).toBe(200);
    const newPath = (moved.json() as { region: { path: string } }).region.path;
    expect(newPath).not.toBe(grid.path);
    const after = await reportOnB({ regionId: grid.id });
    expect(after.res.status).toBe(201);
    const row = await t.database.db
      .selectFrom('case_record')
      .select('region_path')
      .where('number', '=', (after.res.json() as { number: string }).number)
      .executeTakeFirstOrThrow();
    expect(row.region_path).toBe(newPath);
  });

  it('asks for an SMS code the moment the district switches it on through another server', async () => {
    expect((await reportOnB(codes.grid)).res.status).toBe(201);
    const on = await demo.send('PUT', '/api/v1/public-intake/settings', { phoneVerification: true }, admin);
    expect(on.status, on.text()).toBe(200);
    const refused = await reportOnB(codes.grid);
    expect(refused.res.status).toBe(422);
    expect(refused.res.json()).toMatchObject({ code: 'PHONE_CODE_REQUIRED' });
    const off = await demo.send('PUT', '/api/v1/public-intake/settings', { phoneVerification: false }, admin);
    expect(off.status).toBe(200);
    expect((await reportOnB(codes.grid)).res.status).toBe(201);
  });

  it('answers 410 for a code retired through another server, naming its replacement', async () => {
    expect((await reportOnB(codes.grid)).res.status).toBe(201);
    const retired = await demo.send(
      'POST',
      `/api/v1/public-codes/${codes.grid}/retire`,
      { replace: true },
      admin,
    );
    expect(retired.status, retired.text()).toBe(200);
    const replacement = (retired.json() as { replacedBy: { code: string } }).replacedBy.code;
    const gone = await reportOnB(codes.grid);
    expect(gone.res.status).toBe(410);
    expect(gone.res.json()).toMatchObject({ details: { replacedBy: replacement } });
    expect((await reportOnB(replacement)).res.status).toBe(201);
  });
});

describe('reads an Open311 request keeps under the auth version', () => {
  it('refuses a key revoked through another server at once', async () => {
    const { id, request } = await open311Client(t, demo.send, admin, grid, b);
    expect((await request()).statusCode).toBe(200);
    counter.statements = [];
    expect((await request()).statusCode).toBe(200);
    for (const table of ['open311_client', 'case_category']) {
      expect(readsOf(counter.perRequest, table)).toEqual([]);
    }
    const revoked = await demo.send('POST', `/api/v1/admin/open311-clients/${id}/revoke`, {}, admin);
    expect(revoked.status, revoked.text()).toBe(200);
    expect((await request()).statusCode).toBe(403);
  });
});

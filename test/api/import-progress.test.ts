import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_GRID_CODE } from '../../src/server/modules/imports/columns.ts';
import { type Progress, progressSchema } from '../../src/shared/domain/progress.ts';
import { type ImportRow, writeCsv } from '../imports/support/households-file.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { seedSmallDemo } from '../support/demo.ts';

/**
 * A web import's progress (issue 13 §4): the page reserves a run, uploads with its id, and
 * follows it as server-sent events read from the run's row. Batches of two make a five-household
 * file write in three steps.
 */

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
let csv: Buffer;
const HOUSEHOLDS = 5;

beforeAll(async () => {
  t = await createTestApp({ MINQING_IMPORT_BATCH_SIZE: '2' });
  demo = await seedSmallDemo(t, 20);
  // The stream is followed over a real connection, to read its first event before uploading.
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  for (const u of ['sysadmin', 'leader']) cookies[u] = await demo.signIn(u);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-import-progress-'));
  const file = path.join(dir, 'households.csv');
  const rows: ImportRow[] = Array.from({ length: HOUSEHOLDS }, (_, i) => ({
    household_code: `PROGRESS-${i + 1}`,
    grid_code: EXAMPLE_GRID_CODE,
    address: `萧山区宁围街道振宁社区进度测试${i + 1}号`,
    estate: '进度花园',
    building: '1幢',
    unit: '1单元',
    room: `${101 + i}室`,
    tags: '',
    name: `进度${i + 1}`,
    gender: '女',
    birth_date: '1975-03-04',
    relationship: '户主',
    id_number: null,
    phone: null,
  }));
  writeCsv(file, rows);
  csv = fs.readFileSync(file);
  fs.rmSync(dir, { recursive: true, force: true });
});
afterAll(async () => t.close());

const reserve = async (user = 'sysadmin', kind = 'households') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${kind}/runs`,
    headers: { cookie: cookies[user] as string },
    payload: {},
  });

const upload = (runId: string, body: Buffer | string = csv) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/households?fileName=progress.csv&runId=${runId}`,
    headers: { cookie: cookies.sysadmin as string, 'content-type': 'text/csv' },
    payload: body,
  });

const watch = (id: string, user = 'sysadmin') =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/imports/${id}/progress`,
    headers: { cookie: cookies[user] as string },
  });

/** The stream's events (comment lines such as keep-alives are not events). */
function eventsOf(body: string): Progress[] {
  return body
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => progressSchema.parse(JSON.parse(block.slice('data: '.length))));
}

const ORDER = ['waiting', 'reading', 'writing', 'done'];

/**
 * Follows a stream over a real connection: `opened` resolves on its first event, so the upload
 * can start only once the stream has read the reservation; `body` is everything it sent.
 */
async function follow(
  id: string,
): Promise<{ opened: Promise<void>; body: Promise<string>; type: string | null }> {
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  const res = await fetch(`http://127.0.0.1:${address.port}/api/v1/imports/${id}/progress`, {
    headers: { cookie: cookies.sysadmin as string },
  });
  if (!res.body) throw new Error('no body');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  let markOpened = () => {};
  const opened = new Promise<void>((resolve) => {
    markOpened = resolve;
  });
  const body = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
      if (text.includes('\n\n')) markOpened();
    }
    markOpened();
    return text;
  })();
  return { opened, body, type: res.headers.get('content-type') };
}

describe('import progress', () => {
  it('streams a run from its reservation to done, in order, and the run is then listed', async () => {
    const reserved = await reserve();
    expect(reserved.statusCode).toBe(201);
    const { id } = reserved.json() as { id: string };

    const stream = await follow(id);
    expect(stream.type).toMatch(/^text\/event-stream/);
    await stream.opened;
    const uploaded = await upload(id);
    expect(uploaded.statusCode).toBe(200);
    expect(uploaded.json()).toMatchObject({ runId: id, result: { rows: HOUSEHOLDS } });

    const events = eventsOf(await stream.body);
    // The stream opened on the reservation and closed on the end; in between it sampled the row.
    expect(events[0]).toMatchObject({
      id,
      operation: 'import',
      kind: 'households',
      state: 'waiting',
      done: 0,
    });
    expect(events.at(-1)).toEqual({
      id,
      operation: 'import',
      kind: 'households',
      state: 'done',
      done: HOUSEHOLDS,
      total: HOUSEHOLDS,
      errorCode: null,
    });
    for (let i = 1; i < events.length; i++) {
      const [before, after] = [events[i - 1] as Progress, events[i] as Progress];
      expect(ORDER.indexOf(after.state)).toBeGreaterThanOrEqual(ORDER.indexOf(before.state));
      expect(after.done).toBeGreaterThanOrEqual(before.done);
      expect(after).not.toEqual(before);
    }
    for (const e of events.filter((e) => e.state === 'writing')) {
      expect(e.total).toBe(HOUSEHOLDS);
      // Batches of two: 0, 2, 4, then all five.
      expect([0, 2, 4, 5]).toContain(e.done);
    }

    // "Done" is written with the run: it is listed at once, and a finished run streams one event.
    const runs = await t.app.inject({
      method: 'GET',
      url: '/api/v1/imports',
      headers: { cookie: cookies.sysadmin as string },
    });
    expect((runs.json() as { items: { id: string }[] }).items.map((r) => r.id)).toContain(id);
    const again = await watch(id);
    expect(eventsOf(again.body).map((e) => e.state)).toEqual(['done']);
  });

  it('ends a refused file with failed, and a reservation starts only one upload', async () => {
    const { id } = (await reserve()).json() as { id: string };
    const refused = await upload(id, 'not,a,household,sheet\r\n1,2,3,4\r\n');
    expect(refused.statusCode).toBe(422);
    const events = eventsOf((await watch(id)).body);
    expect(events).toEqual([
      {
        id,
        operation: 'import',
        kind: 'households',
        state: 'failed',
        done: 0,
        total: null,
        errorCode: 'VALIDATION_FAILED',
      },
    ]);
    // The reservation is used up: uploading with it again is refused before any work.
    expect((await upload(id)).statusCode).toBe(404);
    expect((await upload(uuidv7())).statusCode).toBe(404);
  });

  it('keeps runs to data:import, to their own district and to the user who reserved them', async () => {
    const { id } = (await reserve()).json() as { id: string };
    // The street leader may not import: neither reserve nor watch.
    expect((await reserve('leader')).statusCode).toBe(403);
    expect((await watch(id, 'leader')).statusCode).toBe(403);
    // Another importer of the district neither follows nor starts it: it is not found.
    const ours = await t.database.db
      .selectFrom('operation_progress')
      .select('district_code')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const someoneElses = uuidv7();
    await t.database.db
      .insertInto('operation_progress')
      .values({
        district_code: ours.district_code,
        id: someoneElses,
        kind: 'households',
        created_by: uuidv7(),
        state: 'waiting',
      })
      .execute();
    expect((await watch(someoneElses)).statusCode).toBe(404);
    expect((await upload(someoneElses)).statusCode).toBe(404);
    // A run of another district is not found, as if it did not exist.
    const elsewhere = uuidv7();
    await t.database.db
      .insertInto('operation_progress')
      .values({
        district_code: '330110',
        id: elsewhere,
        kind: 'households',
        created_by: uuidv7(),
        state: 'writing',
        done: 1,
        total: 3,
      })
      .execute();
    const res = await watch(elsewhere);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await watch(uuidv7())).statusCode).toBe(404);
    // Nor can another district's run be started with its id.
    expect((await upload(elsewhere)).statusCode).toBe(404);
    expect((await reserve('sysadmin', 'nonsense')).statusCode).toBe(422);
  });
});

import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onSameDistrict } from '../../src/server/modules/auth/scope.ts';
import { listAttachments } from '../../src/server/modules/cases/attachments/attachments.repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { act, newCase } from './cases.ts';
import { GIF, gpsBytes, jpegWithGps, PDF, PNG, pngWithMetadata } from './images.ts';

/**
 * Case attachments over HTTP: who may add and read files, what is refused, and what is stored
 * (photos without their GPS position, outside the database, audited).
 */
const MAX_BYTES = 8192;

let t: TestApp;
let dir: string;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies = new Map<string, string>();
let gridA: { id: string; path: string; district_code: string };
let gridB: { id: string; path: string };
let caseA: { id: string; number: string; version: number };

const cookie = async (username: string) => {
  const known = cookies.get(username);
  if (known) return known;
  const fresh = await demo.signIn(username);
  cookies.set(username, fresh);
  return fresh;
};

async function upload(
  username: string,
  caseId: string,
  body: Buffer | string,
  options: { name?: string; type?: string } = {},
) {
  const query = options.name === undefined ? '' : `?name=${encodeURIComponent(options.name)}`;
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/attachments${query}`,
    payload: body,
    headers: { cookie: await cookie(username), ...(options.type ? { 'content-type': options.type } : {}) },
  });
}

async function download(username: string, caseId: string, attachmentId: string) {
  return t.app.inject({
    method: 'GET',
    url: `/api/v1/cases/${caseId}/attachments/${attachmentId}`,
    headers: { cookie: await cookie(username) },
  });
}

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const rowCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('case_attachment')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'minqing-attachments-'));
  t = await createTestApp({
    MINQING_DATA_DIR: dir,
    MINQING_ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
    MINQING_RATE_LIMIT_PER_MINUTE: '100000',
  });
  dir = t.app.ctx.config.cases.attachmentDir;
  demo = await seedSmallDemo(t, 40);
  const grants = await t.database.db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', onSameDistrict('u.id', 'g.user_id'))
    .innerJoin('region as r', onSameDistrict('r.id', 'g.scope_region_id'))
    .select(['u.username', 'r.path'])
    .where('u.username', 'in', ['worker1', 'worker2'])
    .execute();
  const pathOf = (u: string) => grants.find((g) => g.username === u)?.path as string;
  gridA = await firstGridBelow(t, pathOf('worker1'));
  gridB = await firstGridBelow(t, pathOf('worker2'));
  caseA = await newCase(t.database.db, t.app.ctx.cipher, 'worker1', gridA.id);
});
afterAll(async () => {
  await t.close();
  await rm(path.dirname(dir), { recursive: true, force: true });
});

describe('adding a file to a case', () => {
  it('stores a photo without its GPS block, outside the database, with checksum and audit row', async () => {
    const original = jpegWithGps();
    const res = await upload('worker1', caseA.id, original, { name: '现场照片.jpg', type: 'image/jpeg' });
    expect(res.statusCode).toBe(201);
    const added = res.json() as { id: string; fileName: string; contentType: string; sizeBytes: number };
    expect(added).toMatchObject({ fileName: '现场照片.jpg', contentType: 'image/jpeg' });
    expect(added.sizeBytes).toBeLessThan(original.length);

    const row = await t.database.db
      .selectFrom('case_attachment')
      .selectAll()
      .where('id', '=', added.id)
      .executeTakeFirstOrThrow();
    const year = String(new Date().getUTCFullYear());
    expect(row.storage_key).toBe(`${gridA.district_code}/${year}/${added.id}`);
    expect(row.event_id).toBeNull();
    const stored = await readFile(path.join(dir, row.storage_key));
    expect(stored.length).toBe(added.sizeBytes);
    expect(stored.includes(gpsBytes())).toBe(false);
    expect(stored.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect(row.sha256).toBe(createHash('sha256').update(stored).digest('hex'));
    // No temporary file is left beside it.
    expect((await storedFiles()).filter((f) => f.endsWith('.part'))).toEqual([]);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_name', 'object_id', 'detail'])
      .where('action', '=', 'case.attachment_added')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_name: 'worker1', object_id: caseA.id });
    expect(audit.detail).toMatchObject({ attachment: added.id, sha256: row.sha256 });

    // Not a workflow step: the timeline and the version stay as they were.
    const record = await t.database.db
      .selectFrom('case_record')
      .select('version')
      .where('id', '=', caseA.id)
      .executeTakeFirstOrThrow();
    expect(record.version).toBe(caseA.version);
    const events = await t.database.db
      .selectFrom('case_event')
      .select('action')
      .where('case_id', '=', caseA.id)
      .execute();
    expect(events.map((e) => e.action)).toEqual(['submit']);

    const listed = await listAttachments(t.database.db, gridA.district_code, caseA.id);
    expect(listed).toEqual([
      {
        id: added.id,
        fileName: '现场照片.jpg',
        contentType: 'image/jpeg',
        sizeBytes: added.sizeBytes,
        createdAt: expect.any(String),
      },
    ]);
  });

  it('lets the case’s dispatcher attach a PNG without its text chunks, and a PDF as it is, without a declared type', async () => {
    const png = await upload('dispatcher', caseA.id, pngWithMetadata(), { name: 'map.png' });
    expect(png.statusCode).toBe(201);
    const pngRow = await t.database.db
      .selectFrom('case_attachment')
      .select('storage_key')
      .where('id', '=', (png.json() as { id: string }).id)
      .executeTakeFirstOrThrow();
    expect(await readFile(path.join(dir, pngRow.storage_key))).toEqual(PNG);

    const pdf = await upload('dispatcher', caseA.id, PDF, { name: '../../etc/情况说明.pdf' });
    expect(pdf.statusCode).toBe(201);
    // The path a browser might send is not kept.
    expect(pdf.json()).toMatchObject({
      fileName: '情况说明.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
    });
  });

  it('decides the type by the bytes: other or damaged files answer 415 and leave nothing behind', async () => {
    const before = await rowCount();
    const files = (await storedFiles()).length;
    const phone = jpegWithGps();
    const attempts = [
      await upload('worker1', caseA.id, GIF, { name: 'x.gif', type: 'application/octet-stream' }),
      await upload('worker1', caseA.id, phone.subarray(0, phone.length - 30), { name: 'cut.jpg' }),
      await upload('worker1', caseA.id, Buffer.from('%PDF-1.7 no end'), { name: 'x.pdf' }),
      await upload('worker1', caseA.id, '<svg/>', { name: 'x.svg', type: 'image/svg+xml' }),
      await upload('worker1', caseA.id, JSON.stringify({ a: 1 }), { type: 'application/json' }),
      await upload('worker1', caseA.id, Buffer.alloc(0), { name: 'empty.jpg' }),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual([415, 415, 415, 415, 415, 415]);
    expect(
      attempts.every((r) => r.headers['content-type']?.toString().startsWith('application/problem+json')),
    ).toBe(true);
    expect(await rowCount()).toBe(before);
    expect((await storedFiles()).length).toBe(files);
  });

  it('refuses a file over the size limit with 413', async () => {
    const res = await upload('worker1', caseA.id, Buffer.concat([jpegWithGps(), Buffer.alloc(MAX_BYTES)]), {
      name: 'big.jpg',
    });
    expect(res.statusCode).toBe(413);
    expect((res.json() as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 404 outside the case scope, 403 to readers and to staff with nothing to do on it', async () => {
    // worker2 works in another community; the handler's department is not the case's unit.
    expect((await upload('worker2', caseA.id, PDF, { name: 'a.pdf' })).statusCode).toBe(404);
    expect((await upload('handler', caseA.id, PDF, { name: 'a.pdf' })).statusCode).toBe(404);
    expect(
      (await upload('worker1', '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', PDF, { name: 'a.pdf' })).statusCode,
    ).toBe(404);
    // The leader reads cases but may do nothing to them; the auditor has no case permission at all.
    const leader = await upload('leader', caseA.id, PDF, { name: 'a.pdf' });
    expect(leader.statusCode).toBe(403);
    expect(leader.body).not.toContain('permission');
    expect((await upload('auditor', caseA.id, PDF, { name: 'a.pdf' })).statusCode).toBe(403);
    // worker1 reaches a case the dispatcher recorded, but is not its first responder: nothing to do.
    const dispatchers = await newCase(t.database.db, t.app.ctx.cipher, 'dispatcher', gridA.id, '路面塌陷');
    const res = await upload('worker1', dispatchers.id, PDF, { name: 'a.pdf' });
    expect(res.statusCode).toBe(403);
    expect((res.json() as { code: string }).code).toBe('FORBIDDEN');
    // Once dispatched to worker1's grid, worker1's unit handles it and may attach.
    const accepted = await act(t.database.db, t.app.ctx.cipher, 'dispatcher', dispatchers, 'accept', {});
    await act(t.database.db, t.app.ctx.cipher, 'dispatcher', accepted, 'dispatch', {
      unit: { regionId: gridA.id },
    });
    expect((await upload('worker1', dispatchers.id, PDF, { name: 'a.pdf' })).statusCode).toBe(201);
  });

  it('keeps only the extension of the detected type and drops control and bidi characters from the name', async () => {
    const cases: [string, Buffer, string, string][] = [
      ['evil.html', jpegWithGps(), 'image/jpeg', 'evil.jpg'],
      ['报告\u202Efdp.exe', PDF, 'application/pdf', '报告fdp.pdf'],
      ['a\u2066b\u2069\u200f.PNG', PNG, 'image/png', 'ab.png'],
      ['..\\..\\x.svg', PNG, 'image/png', 'x.png'],
      ['.html', PDF, 'application/pdf', 'attachment.pdf'],
    ];
    for (const [name, body, type, expected] of cases) {
      const res = await upload('worker1', caseA.id, body, { name });
      expect(res.statusCode, name).toBe(201);
      const added = res.json() as { id: string; fileName: string; contentType: string };
      expect(added).toMatchObject({ fileName: expected, contentType: type });
      const stored = await t.database.db
        .selectFrom('case_attachment')
        .select('file_name')
        .where('id', '=', added.id)
        .executeTakeFirstOrThrow();
      expect(stored.file_name).toBe(expected);
      const served = await download('worker1', caseA.id, added.id);
      const extension = expected.slice(expected.lastIndexOf('.'));
      expect(served.headers['content-disposition']).toBe(
        `attachment; filename="attachment${extension}"; filename*=UTF-8''${encodeURIComponent(expected)}`,
      );
    }
  });

  it('serves a name stored before the rule without its foreign extension or bidi characters', async () => {
    const res = await upload('worker1', caseA.id, PDF, { name: 'old.pdf' });
    const { id } = res.json() as { id: string };
    await t.database.db
      .updateTable('case_attachment')
      .set({ file_name: 'invoice\u202Elmth.html' })
      .where('id', '=', id)
      .execute();
    const served = await download('worker1', caseA.id, id);
    expect(served.headers['content-disposition']).toBe(
      `attachment; filename="attachment.pdf"; filename*=UTF-8''${encodeURIComponent('invoicelmth.pdf')}`,
    );
  });

  it('refuses a NUL in the name as a 422 naming the parameter, before storing anything', async () => {
    const before = await rowCount();
    const res = await upload('worker1', caseA.id, PDF, { name: 'a\u0000.pdf' });
    expect(res.statusCode).toBe(422);
    expect((res.json() as { code: string }).code).toBe('VALIDATION_FAILED');
    expect(await rowCount()).toBe(before);
  });

  it('refuses files for a case that is over (CASE_WRONG_STATE)', async () => {
    const c = await newCase(t.database.db, t.app.ctx.cipher, 'worker1', gridA.id, '重复反映');
    await act(t.database.db, t.app.ctx.cipher, 'dispatcher', c, 'cancel', { reason: '居民撤回' });
    const res = await upload('dispatcher', c.id, PDF, { name: 'a.pdf' });
    expect(res.statusCode).toBe(409);
    expect((res.json() as { code: string }).code).toBe('CASE_WRONG_STATE');
  });
});

describe('reading a file of a case', () => {
  it('streams the stored copy with its type, a safe download name and nosniff, to anyone who reads the case', async () => {
    const [first] = await listAttachments(t.database.db, gridA.district_code, caseA.id);
    if (!first) throw new Error('no attachment');
    const row = await t.database.db
      .selectFrom('case_attachment')
      .select('storage_key')
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    for (const username of ['worker1', 'dispatcher', 'leader']) {
      const res = await download(username, caseA.id, first.id);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="attachment.jpg"; filename*=UTF-8''${encodeURIComponent('现场照片.jpg')}`,
      );
      expect(res.rawPayload).toEqual(await readFile(path.join(dir, row.storage_key)));
    }
  });

  it('answers 404 outside the scope, for another case’s id, and 403 without the permission', async () => {
    const [first] = await listAttachments(t.database.db, gridA.district_code, caseA.id);
    if (!first) throw new Error('no attachment');
    expect((await download('worker2', caseA.id, first.id)).statusCode).toBe(404);
    expect((await download('sysadmin', caseA.id, first.id)).statusCode).toBe(403);
    const other = await newCase(t.database.db, t.app.ctx.cipher, 'worker1', gridA.id, '另一件事');
    expect((await download('worker1', other.id, first.id)).statusCode).toBe(404);
    // A case in worker2's community: worker2 reads it, worker1 does not.
    const caseB = await newCase(t.database.db, t.app.ctx.cipher, 'worker2', gridB.id, '垃圾清运不及时');
    const added = (await upload('worker2', caseB.id, PDF, { name: 'b.pdf' })).json() as { id: string };
    expect((await download('worker2', caseB.id, added.id)).statusCode).toBe(200);
    expect((await download('worker1', caseB.id, added.id)).statusCode).toBe(404);
  });
});

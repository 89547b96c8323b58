import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/db/engine.ts';
import { STRACE, type TracedCall, traceCalls } from '../support/strace.ts';

// Embedded mode only: the writer opens its own PGlite data directory whatever the test engine is
// (PostgreSQL syncs its WAL itself), so this file checks the same thing on both runs.
const writer = path.resolve(import.meta.dirname, '../support/fsync-writer.ts');
const COMMITS = 10;
const WAL_SEGMENT = /\/pg_wal\/[0-9A-F]{24}$/;

/** For each commit the writer announced, the files synced before it printed the commit's ack. */
function syncsPerCommit(calls: TracedCall[]) {
  const pathOf = new Map<number, string>();
  const perCommit = new Map<number, string[]>();
  const afterLastAck: string[] = [];
  let open: number | undefined;
  let acked = 0;
  for (const call of calls) {
    if (call.name === 'openat' && call.fd >= 0) pathOf.set(call.fd, call.text);
    else if (call.name === 'write' && call.fd === 2) {
      const commit = /minqing-commit (\d+)/.exec(call.text);
      const ack = /minqing-ack (\d+)/.exec(call.text);
      if (commit) {
        open = Number(commit[1]);
        perCommit.set(open, []);
      } else if (ack) {
        open = undefined;
        acked++;
      }
    } else if (call.name === 'fsync' || call.name === 'fdatasync') {
      const file = pathOf.get(call.fd) ?? `fd ${call.fd}`;
      if (open !== undefined) perCommit.get(open)?.push(file);
      else if (acked === COMMITS) afterLastAck.push(file);
    }
  }
  return { perCommit, afterLastAck };
}

describe('embedded database durability (PGlite on disk)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-durable-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('syncs the WAL to disk before each commit is acknowledged, and pg_control at shutdown', async () => {
    expect(fs.existsSync(STRACE), `${STRACE} is needed (.ci/run installs it)`).toBe(true);
    const { calls } = await traceCalls(
      [process.execPath, writer, path.join(dataDir, 'pglite'), String(COMMITS)],
      ['openat', 'fsync', 'fdatasync', 'write'],
      path.join(dataDir, 'strace.log'),
    );
    const { perCommit, afterLastAck } = syncsPerCommit(calls);
    expect([...perCommit.keys()]).toEqual(Array.from({ length: COMMITS }, (_, i) => i));
    const unsynced = [...perCommit].filter(([, files]) => !files.some((f) => WAL_SEGMENT.test(f)));
    expect(unsynced).toEqual([]);
    // The shutdown checkpoint: data files, then the control file pointing past the WAL.
    expect(afterLastAck.some((f) => f.endsWith('/global/pg_control'))).toBe(true);
    expect(afterLastAck.some((f) => /\/base\/\d+\/\d+$/.test(f))).toBe(true);
  });

  it('keeps every acknowledged row when the directory is opened again', async () => {
    const database = await openPglite({ dataDir: path.join(dataDir, 'pglite'), lock: false });
    try {
      const { rows } = await sql<{ single: number; transaction: number }>`
        select count(*) filter (where note = 'single')::int as single,
               count(*) filter (where note = 'transaction')::int as transaction
        from durability_probe`.execute(database.db);
      expect(rows).toEqual([{ single: COMMITS / 2, transaction: COMMITS / 2 }]);
    } finally {
      await database.close();
    }
  });
});

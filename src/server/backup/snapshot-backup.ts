import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import type { BackupSummary } from './backup.ts';

/**
 * A backup of a running embedded server that does not stall it. PGlite has one session, so the
 * logical backup's single REPEATABLE READ transaction (backup.ts) would hold every request — sign-in
 * included — for as long as it pages through the tables (~40 s on a street's data). Instead:
 *
 * 1. With PGlite held exclusively between statements (no query or transaction open, every commit in
 *    the WAL on disk), its data directory is copied with asynchronous file I/O: a crash-consistent
 *    image, like the one a kill -9 leaves and PGlite recovers from. Requests wait only for the copy
 *    (about a second for a street), and the event loop stays free meanwhile.
 * 2. A worker thread opens the copy as its own PGlite (recovery runs there) and writes the usual
 *    logical backup from it, so the file is the same format, restorable on either engine, while
 *    the server's thread and database serve requests.
 * 3. The copy is deleted.
 */
export async function createSnapshotBackup(
  pglite: PGlite,
  dataDir: string,
  file: string,
): Promise<BackupSummary & { copyMs: number }> {
  const started = Date.now();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const copy = path.join(path.dirname(file), `.snapshot-${crypto.randomBytes(6).toString('hex')}`);
  try {
    // The bulk is copied while the server runs; held, only what changed since is copied again.
    const copied = await copyChanged(dataDir, copy, new Map());
    let copyMs = 0;
    await pglite.runExclusive(async () => {
      const t = Date.now();
      await copyChanged(dataDir, copy, copied);
      copyMs = Date.now() - t;
    });
    const summary = await backupInWorker(copy, file);
    return { ...summary, copyMs, ms: Date.now() - started };
  } finally {
    await fs.promises.rm(copy, { recursive: true, force: true });
  }
}

/** Coarse file clocks can give a write the same mtime as an earlier stat: treat as changed. */
const MTIME_SLACK_MS = 2_000;

/**
 * Copies the files of `from` into `to` that are not in `copied` or changed since their copy began
 * (size, or mtime after that moment less the slack), and removes copies of files gone since.
 * Returns what was copied: each file's size and when its copy began.
 */
async function copyChanged(
  from: string,
  to: string,
  copied: Map<string, { size: number; startedAt: number }>,
): Promise<Map<string, { size: number; startedAt: number }>> {
  const seen = new Map<string, { size: number; startedAt: number }>();
  const walk = async (rel: string) => {
    await fs.promises.mkdir(path.join(to, rel), { recursive: true });
    for (const entry of await fs.promises.readdir(path.join(from, rel), { withFileTypes: true })) {
      const name = path.join(rel, entry.name);
      if (entry.isDirectory()) {
        await walk(name);
        continue;
      }
      if (!entry.isFile()) continue;
      const stat = await fs.promises.stat(path.join(from, name)).catch(() => undefined);
      if (!stat) continue; // removed meanwhile (a recycled WAL segment)
      const before = copied.get(name);
      if (before && before.size === stat.size && stat.mtimeMs < before.startedAt - MTIME_SLACK_MS) {
        seen.set(name, before);
        continue;
      }
      const startedAt = Date.now();
      try {
        await fs.promises.copyFile(path.join(from, name), path.join(to, name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      seen.set(name, { size: stat.size, startedAt });
    }
  };
  await walk('');
  for (const name of copied.keys()) {
    if (!seen.has(name)) await fs.promises.rm(path.join(to, name), { force: true });
  }
  return seen;
}

function backupInWorker(dataDir: string, file: string): Promise<BackupSummary> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./snapshot-worker.ts', import.meta.url), {
      workerData: { dataDir, file },
    });
    let result: BackupSummary | undefined;
    worker.once('message', (summary: BackupSummary) => {
      result = summary;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`The backup worker stopped (exit code ${code}) without writing the backup.`));
    });
  });
}

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { Database } from '../db/engine.ts';
import { migrateTo, migrateToLatest, migrationNames } from '../db/migrate.ts';
import { createBackupRepository, dependencyOrder } from './backup.repository.ts';

/**
 * Logical backups: gzip'd NDJSON, one header line, one line per row, and a trailer with the row
 * counts so a truncated file is detected. Taken inside one REPEATABLE READ transaction, so the
 * file is a consistent snapshot even while the server writes.
 */
export const BACKUP_FORMAT = 'minqing-backup';
export const BACKUP_VERSION = 1;
const PAGE = 2000;

interface Header {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  engine: string;
  migrations: string[];
  tables: string[];
}

export interface BackupSummary {
  file: string;
  bytes: number;
  counts: Record<string, number>;
  ms: number;
}

export async function createBackup(database: Database, file: string): Promise<BackupSummary> {
  const started = Date.now();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  const counts: Record<string, number> = {};
  await database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const repo = createBackupRepository(trx);
      await repo.oneSnapshotPerWorker();
      const tables = dependencyOrder(await repo.tables());
      const header: Header = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        engine: database.engine,
        migrations: await repo.appliedMigrations(),
        tables: tables.map((t) => t.name),
      };
      async function* lines() {
        yield `${JSON.stringify(header)}\n`;
        for (const table of tables) {
          let after: unknown[] | null = null;
          counts[table.name] = 0;
          for (;;) {
            const page = await repo.page(table, after, PAGE);
            if (page.json.length === 0) break;
            counts[table.name] = (counts[table.name] ?? 0) + page.json.length;
            yield page.json.map((j) => `{"t":${JSON.stringify(table.name)},"r":${j}}\n`).join('');
            after = page.lastKey;
            if (page.json.length < PAGE) break;
          }
        }
        yield `${JSON.stringify({ end: true, counts })}\n`;
      }
      await pipeline(lines, zlib.createGzip(), fs.createWriteStream(tmp));
    });
  const fd = fs.openSync(tmp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  return { file, bytes: fs.statSync(file).size, counts, ms: Date.now() - started };
}

export class RestoreError extends Error {
  override name = 'RestoreError';
}

/**
 * Restores a backup into an empty database: migrates to the backup's schema level, loads the
 * rows in one transaction, checks the counts against the trailer, then migrates to the latest
 * schema. Refuses a database that already holds data, and a backup from a newer MinQing.
 */
export async function restoreBackup(
  database: Database,
  file: string,
): Promise<{ counts: Record<string, number> }> {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const reader = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = reader[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = parseHeader(first.done ? '' : first.value);
  const known = migrationNames();
  const unknown = header.migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0) {
    throw new RestoreError(
      `The backup comes from a newer MinQing (unknown migrations: ${unknown.join(', ')}).`,
    );
  }
  const target = header.migrations.at(-1);
  if (target) await migrateTo(database.db, target);
  const counts: Record<string, number> = {};
  try {
    await database.db.transaction().execute(async (trx) => {
      const repo = createBackupRepository(trx);
      for (const table of header.tables) {
        if ((await repo.count(table)) > 0) {
          throw new RestoreError(
            `The target database is not empty (table ${table} has rows); restore needs a fresh one.`,
          );
        }
      }
      let batchTable = '';
      let batch: string[] = [];
      const flush = async () => {
        await repo.insertJsonRows(batchTable, batch);
        batch = [];
      };
      let trailer: { end: true; counts: Record<string, number> } | undefined;
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        const line = next.value;
        if (line.startsWith('{"t":')) {
          const table = line.slice(6, line.indexOf('"', 6));
          if (!header.tables.includes(table)) throw new RestoreError(`Unknown table in backup: ${table}`);
          if (table !== batchTable || batch.length >= PAGE) {
            await flush();
            batchTable = table;
          }
          batch.push(line.slice(line.indexOf(',"r":') + 5, -1));
          counts[table] = (counts[table] ?? 0) + 1;
        } else if (line.trim() !== '') {
          trailer = JSON.parse(line);
        }
      }
      await flush();
      if (!trailer?.end) throw new RestoreError('The backup is truncated (no trailer).');
      for (const table of header.tables) {
        if ((trailer.counts[table] ?? 0) !== (counts[table] ?? 0)) {
          throw new RestoreError(
            `Row count mismatch for ${table}: backup says ${trailer.counts[table]}, read ${counts[table] ?? 0}.`,
          );
        }
      }
    });
  } finally {
    reader.close();
  }
  await migrateToLatest(database.db);
  return { counts };
}

function parseHeader(line: string): Header {
  let header: Partial<Header>;
  try {
    header = JSON.parse(line);
  } catch {
    throw new RestoreError('Not a MinQing backup (unreadable header).');
  }
  if (header.format !== BACKUP_FORMAT || !Array.isArray(header.tables) || !Array.isArray(header.migrations)) {
    throw new RestoreError('Not a MinQing backup.');
  }
  if (header.version !== BACKUP_VERSION)
    throw new RestoreError(`Unsupported backup version ${header.version}.`);
  return header as Header;
}

/** The name of a scheduled backup file, sortable by time. */
export function backupFileName(now = new Date()): string {
  return `minqing-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.ndjson.gz`;
}

/** Deletes all but the newest `keep` scheduled backups in `dir`. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!fs.existsSync(dir)) return [];
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^minqing-\d{8}T\d{6}Z\.ndjson\.gz$/.test(f))
    .sort();
  const doomed = files.slice(0, Math.max(0, files.length - keep));
  for (const f of doomed) fs.rmSync(path.join(dir, f));
  return doomed;
}

import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { type Config, loadConfig } from '../../server/config.ts';
import { openPostgres } from '../../server/db/engine.ts';
import { migrationNames } from '../../server/db/migrate.ts';
import { appliedMigrations } from '../../server/db/migration-state.repository.ts';
import { WEB_DIST } from '../../server/http/static-web.ts';

type Status = 'ok' | 'warn' | 'fail';
interface Check {
  name: string;
  status: Status;
  detail: string;
}

const MIN_FREE_BYTES = 2 * 1024 ** 3;

/** Read-only checks an operator runs before and after deploying; exits 1 when any check fails. */
export async function doctorCommand(): Promise<void> {
  const checks: Check[] = [];
  const major = Number(process.versions.node.split('.')[0]);
  checks.push({
    name: 'node',
    status: major >= 24 ? 'ok' : 'fail',
    detail: `${process.version} (needs >= 24)`,
  });
  let config: Config | undefined;
  try {
    config = loadConfig();
    checks.push({ name: 'configuration', status: 'ok', detail: 'environment is valid' });
  } catch (error) {
    checks.push({ name: 'configuration', status: 'fail', detail: (error as Error).message });
  }
  if (config) {
    checks.push(await databaseCheck(config));
    checks.push(diskCheck(config));
    checks.push(keyCheck(config));
    checks.push(backupCheck(config));
  }
  checks.push({
    name: 'web build',
    status: fs.existsSync(path.join(WEB_DIST, 'index.html')) ? 'ok' : 'warn',
    detail: fs.existsSync(path.join(WEB_DIST, 'index.html')) ? WEB_DIST : 'missing: run `npm run build`',
  });
  for (const c of checks) console.log(`${c.status.padEnd(4)}  ${c.name.padEnd(14)} ${c.detail}`);
  if (checks.some((c) => c.status === 'fail')) process.exitCode = 1;
}

async function databaseCheck(config: Config): Promise<Check> {
  const db = config.database;
  if (db.kind === 'pglite') {
    // Never open PGlite here: a running server owns the directory and a second opener corrupts it.
    const lock = path.join(config.dataDir, 'minqing.lock');
    const owner = fs.existsSync(lock) ? fs.readFileSync(lock, 'utf8').trim() : undefined;
    const exists = fs.existsSync(path.join(db.dataDir, 'PG_VERSION'));
    return {
      name: 'database',
      status: 'ok',
      detail: `embedded PGlite at ${db.dataDir} (${exists ? 'initialised' : 'new'}${owner ? `, owned by pid ${owner}` : ''})`,
    };
  }
  const database = openPostgres(db.url, 1);
  try {
    const { rows } = await sql<{ v: number }>`select current_setting('server_version_num')::int as v`.execute(
      database.db,
    );
    const version = Number(rows[0]?.v ?? 0);
    const applied = (await appliedMigrations(database.db))?.length ?? 0;
    const pending = migrationNames().length - applied;
    return {
      name: 'database',
      status: version >= 150000 ? (pending > 0 ? 'warn' : 'ok') : 'fail',
      detail: `PostgreSQL ${Math.floor(version / 10000)} (needs >= 15); ${pending} migration(s) pending`,
    };
  } catch (error) {
    return { name: 'database', status: 'fail', detail: `cannot connect: ${(error as Error).message}` };
  } finally {
    await database.close();
  }
}

function diskCheck(config: Config): Check {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const stats = fs.statfsSync(config.dataDir);
  const free = stats.bavail * stats.bsize;
  return {
    name: 'disk space',
    status: free >= MIN_FREE_BYTES ? 'ok' : 'warn',
    detail: `${(free / 1024 ** 3).toFixed(1)} GiB free at ${config.dataDir}`,
  };
}

function keyCheck(config: Config): Check {
  if (config.piiKey) return { name: 'pii key', status: 'ok', detail: 'MINQING_PII_KEY is set' };
  const file = path.join(config.dataDir, 'secrets', 'pii.key');
  if (config.database.kind === 'postgres') {
    return { name: 'pii key', status: 'fail', detail: 'MINQING_PII_KEY is required with DATABASE_URL' };
  }
  return {
    name: 'pii key',
    status: 'warn',
    detail: fs.existsSync(file)
      ? `using generated key ${file}: back it up`
      : 'a key will be generated on first start',
  };
}

function backupCheck(config: Config): Check {
  if (config.database.kind === 'postgres') {
    return { name: 'backups', status: 'ok', detail: 'PostgreSQL: use WAL archiving and `minqing backup`' };
  }
  if (config.backup.intervalHours === 0)
    return { name: 'backups', status: 'warn', detail: 'scheduled backups are off' };
  const dir = config.backup.dir;
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.ndjson.gz'))
        .sort()
    : [];
  const newest = files.at(-1);
  if (!newest) return { name: 'backups', status: 'warn', detail: `none yet in ${dir}` };
  const ageHours = (Date.now() - fs.statSync(path.join(dir, newest)).mtimeMs) / 3_600_000;
  return {
    name: 'backups',
    status: ageHours <= config.backup.intervalHours * 2 ? 'ok' : 'warn',
    detail: `newest ${newest} (${ageHours.toFixed(1)} h old), every ${config.backup.intervalHours} h`,
  };
}

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL cluster from Debian's binaries, for tests and benchmarks when no
 * DATABASE_URL is given. PostgreSQL refuses to run as root, so when we are root the cluster
 * belongs to the `postgres` user and every server command runs through `runuser`.
 */
export interface PostgresCluster {
  url(database?: string): string;
  port: number;
  stop(): void;
  /** `pg_ctl stop -m immediate` keeping the data: every connection drops, as in a crash. */
  stopImmediately(): void;
  /** Starts the stopped cluster again on the same port and data (crash recovery runs first). */
  restart(): void;
}

function findBinDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const version = versions.find((v) => Number(v) >= 15);
  if (!version) {
    throw new Error('PostgreSQL >= 15 server binaries not found (apt-get install postgresql-15).');
  }
  return path.join(base, version, 'bin');
}

/** runuser lives in /usr/sbin, which a minimal PATH (cron, CI) may not include. */
function findRunuser(): string {
  const found = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) => fs.existsSync(p));
  if (!found)
    throw new Error('runuser not found: it is needed to run PostgreSQL as the postgres user when root.');
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgresCluster(
  options: {
    fsync?: boolean;
    /** More server settings (`-c name=value` each), e.g. the Citus library (citus-cluster.ts). */
    settings?: string[];
  } = {},
): Promise<PostgresCluster> {
  const bin = findBinDir();
  const asRoot = process.getuid?.() === 0;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-pg-'));
  const dataDir = path.join(root, 'data');
  const socketDir = path.join(root, 'sock');
  fs.mkdirSync(dataDir, { mode: 0o700 });
  fs.mkdirSync(socketDir);
  if (asRoot) {
    fs.chmodSync(root, 0o755);
    execFileSync('chown', ['-R', 'postgres:postgres', root]);
  }
  const runuser = asRoot ? findRunuser() : '';
  const run = (cmd: string, args: string[]) => {
    const full = asRoot ? ['-u', 'postgres', '--', path.join(bin, cmd), ...args] : args;
    const result = spawnSync(asRoot ? runuser : path.join(bin, cmd), full, { encoding: 'utf8' });
    if (result.status !== 0) {
      const why = result.error?.message ?? (result.stderr || result.stdout);
      throw new Error(`${cmd} failed (${result.status}): ${why}`);
    }
  };
  run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale']);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${socketDir}`,
    '-c listen_addresses=127.0.0.1',
    `-c fsync=${options.fsync === false ? 'off' : 'on'}`,
    `-c synchronous_commit=${options.fsync === false ? 'off' : 'on'}`,
    '-c full_page_writes=on',
    '-c max_connections=200',
    '-c shared_buffers=256MB',
    ...(options.settings ?? []).map((setting) => `-c ${setting}`),
  ].join(' ');
  const start = () =>
    run('pg_ctl', [
      '-D',
      dataDir,
      '-o',
      settings,
      '-l',
      path.join(root, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  start();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  };
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop,
    stopImmediately: () => run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']),
    restart: start,
  };
}

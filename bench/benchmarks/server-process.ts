import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createAuditMac } from '../../src/server/crypto/audit-mac.ts';
import { createPiiCipher, generatePiiKey, type PiiCipher } from '../../src/server/crypto/pii.ts';
import type { Database } from '../../src/server/db/engine.ts';
import { setAuditMac } from '../../src/server/modules/audit/audit-chain.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { fetchSender, signIn } from '../../test/support/auth.ts';
import type { BenchContext } from '../harness.ts';
import { type QueryLog, withDatabase } from './http-app.ts';
import { forkLoadGenerator, type LoadGenerator } from './load-generator.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The server under test as it runs in production (issue 16 §8): `minqing start` in its own node
 * process, over an already seeded PostgreSQL database, with its logs on (LOG_LEVEL info, pino
 * writing to `logFile`), the job queue and outbox delivery running, the audit checkpoints and
 * backups in `dataDir`. Only the limits are raised, through their settings: the per-address limit
 * of signed-in routes (MINQING_RATE_LIMIT_PER_MINUTE) and of the public routes
 * (MINQING_PUBLIC_RATE_LIMIT_PER_MINUTE), since the whole load comes from one loopback address,
 * and Open311's per-key limit (MINQING_OPEN311_RATE_LIMIT_PER_MINUTE), since it comes from one key.
 */
export interface ServerProcess {
  url: string;
  logFile: string;
  pid: number;
  /** SIGTERM (a graceful shutdown, as a deployment stops it), then waits for the exit. */
  close(): Promise<void>;
}

export async function startServerProcess(options: {
  databaseUrl: string;
  dataDir: string;
  piiKey: string;
  auditKey: string;
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const logFile = path.join(options.dataDir, 'server.log');
  const out = fs.openSync(logFile, 'a');
  // MINQING_BENCH_NODE_ARGS profiles the server under test, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p".
  const nodeArgs = words(process.env.MINQING_BENCH_NODE_ARGS);
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'bin', 'minqing.mjs'), 'start'], {
    cwd: ROOT,
    stdio: ['ignore', out, out],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      MINQING_DATA_DIR: options.dataDir,
      MINQING_PII_KEY: options.piiKey,
      MINQING_AUDIT_KEY: options.auditKey,
      LOG_LEVEL: 'info',
      MINQING_RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
      MINQING_PUBLIC_RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
      MINQING_OPEN311_RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
      ...options.env,
      // MINQING_BENCH_SERVER_ENV tries a setting on the server under test, e.g.
      // "MINQING_SHED_OUTSIDE_IN_FLIGHT=10 MINQING_DB_POOL_MAX=20".
      ...Object.fromEntries(
        words(process.env.MINQING_BENCH_SERVER_ENV).map((pair) => [
          pair.slice(0, pair.indexOf('=')),
          pair.slice(pair.indexOf('=') + 1),
        ]),
      ),
    },
  });
  fs.closeSync(out);
  // A benchmark that dies leaves no server behind.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', orphan);
      exited = code;
      resolve();
    }),
  );
  const deadline = performance.now() + 60_000;
  for (;;) {
    const ready = /is ready on (http:\/\/\S+)/.exec(fs.readFileSync(logFile, 'utf8'));
    if (ready?.[1]) {
      const url = ready[1].replace('localhost', '127.0.0.1');
      return {
        url,
        logFile,
        pid: child.pid as number,
        async close() {
          if (exited === undefined) child.kill('SIGTERM');
          await exit;
        },
      };
    }
    if (exited !== undefined || performance.now() > deadline) {
      if (exited === undefined) child.kill('SIGKILL');
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
      throw new Error(`the server did not start (exit ${exited}):\n${tail}`);
    }
    await sleep(100);
  }
}

/** What a benchmark against the production-like server gets: see `withProductionServer`. */
export interface ProductionBench {
  database: Database;
  server: ServerProcess;
  load: LoadGenerator;
  /** The server's personal-data key, for an in-process app reading what it wrote (http-app.ts `listen`). */
  piiKey: string;
  /** The scratch database's URL, for the bench's own connections (raw baselines, EXPLAIN). */
  databaseUrl: string;
  /** Signs a demo account in (password + TOTP enrolment) and returns the session cookie. */
  signIn(username: string): Promise<string>;
  /**
   * Waits until the server answers /readyz (a database ping, queued behind every request waiting
   * for a connection) within 50 ms twice in a row, at most 60 s: requests a client gave up on are
   * still worked off, and the next phase must not inherit them. Returns the seconds waited.
   */
  settle(): Promise<number>;
}

/** Fills the scratch database before the server starts, encrypting with the server's key. */
export type Prepare = (database: Database, cipher: PiiCipher) => Promise<unknown>;

/** The demo street: 171 grids, `households` households, the demo accounts. */
export const demoStreet =
  (households: number): Prepare =>
  (database, cipher) =>
    seed(database, { scale: 'demo', households, cipher });

/**
 * A scratch PostgreSQL database filled by `prepare` (e.g. `demoStreet`), then `minqing start`
 * over it in its own process and a load generator in another; everything is stopped and dropped
 * afterwards. The seed and the server share a fresh PII key and audit key, so the server reads
 * what the seed encrypted and the audit chain has one key. `log` records the bench process's own
 * queries (http-app.ts `withDatabase`), not the server's.
 */
export async function withProductionServer<T>(
  ctx: BenchContext,
  name: string,
  prepare: Prepare,
  use: (bench: ProductionBench) => Promise<T>,
  log?: QueryLog,
): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `minqing-bench-${name}-`));
  const piiKey = generatePiiKey();
  const auditKey = crypto.randomBytes(32);
  setAuditMac(createAuditMac(auditKey));
  try {
    return await withDatabase(
      ctx,
      'postgres',
      path.join(dir, 'db'),
      async (database, raw) => {
        const seeding = performance.now();
        await prepare(database, createPiiCipher(piiKey));
        const starting = performance.now();
        const server = await startServerProcess({
          databaseUrl: raw.url as string,
          dataDir: path.join(dir, 'data'),
          piiKey,
          auditKey: auditKey.toString('base64'),
        });
        ctx.log(
          `  seeded in ${((starting - seeding) / 1000).toFixed(1)} s; \`minqing start\` (pid ${server.pid}) ready in ` +
            `${((performance.now() - starting) / 1000).toFixed(1)} s, logging to ${server.logFile}`,
        );
        const load = forkLoadGenerator();
        const send = fetchSender(server.url);
        try {
          return await use({
            database,
            server,
            load,
            piiKey,
            databaseUrl: raw.url as string,
            signIn: (username) => signIn(send, username, `${name}-${server.pid}`),
            async settle() {
              const began = performance.now();
              let fast = 0;
              while (performance.now() - began < 60_000) {
                await sleep(250);
                const started = performance.now();
                const res = await fetch(`${server.url}/readyz`).catch(() => undefined);
                await res?.arrayBuffer();
                fast = res?.ok && performance.now() - started < 50 ? fast + 1 : 0;
                if (fast === 2) return (performance.now() - began) / 1000;
              }
              ctx.log('  warning: the server did not settle within 60 s');
              return (performance.now() - began) / 1000;
            },
          });
        } finally {
          await load.close();
          await server.close();
          const lines = fs.readFileSync(server.logFile, 'utf8').split('\n');
          const passes = lines.filter((l) => l.includes('outbox delivery pass')).length;
          ctx.log(
            `  server log: ${lines.length.toLocaleString('en')} lines, ${passes} outbox delivery passes`,
          );
        }
      },
      log,
    );
  } finally {
    // MINQING_BENCH_KEEP=1 keeps the server's log and data directory to look into a failure.
    if (process.env.MINQING_BENCH_KEEP) ctx.log(`  kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A running process's peak resident memory so far (VmHWM), in MB: Linux's own account of it. */
export function peakMemoryMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** A space-separated setting's words (none when unset). */
const words = (value: string | undefined) => (value ?? '').split(/\s+/).filter(Boolean);

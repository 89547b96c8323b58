import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../src/server/db/engine.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';

/** One measured figure: several runs of the same thing, summarised as median and p95. */
export interface Metric {
  name: string;
  engine: 'pglite' | 'postgres' | 'citus' | 'n/a';
  unit: string;
  /** Extra dimensions, e.g. { concurrency: 8 }. */
  params: Record<string, string | number>;
  runs: number;
  samples: number[];
  median: number;
  p95: number;
}

export interface BenchContext {
  quick: boolean;
  /** `citus` runs the province benchmark alone (bench/benchmarks/province.ts). */
  engines: ('pglite' | 'postgres' | 'citus')[];
  /** URL of a PostgreSQL server to create scratch databases on (a throwaway cluster by default). */
  postgresAdminUrl?: string;
  log(message: string): void;
}

export interface Benchmark {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Metric[]>;
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

export function metric(
  name: string,
  engine: Metric['engine'],
  unit: string,
  samples: number[],
  params: Metric['params'] = {},
): Metric {
  return {
    name,
    engine,
    unit,
    params,
    runs: samples.length,
    samples,
    median: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
  };
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Runs `work` repeatedly from `concurrency` workers for `ms` and returns completed operations per second. */
export async function throughput(
  ms: number,
  concurrency: number,
  work: (worker: number, i: number) => Promise<void>,
) {
  const deadline = performance.now() + ms;
  const started = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        await work(worker, i);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/**
 * Runs `measure` on a fresh, migrated database of each engine the run asks for: PGlite in a
 * folder below `dir`, PostgreSQL as a scratch database dropped afterwards.
 */
export async function onEachEngine(
  ctx: BenchContext,
  dir: string,
  measure: (engine: 'pglite' | 'postgres', database: Database) => Promise<void>,
): Promise<void> {
  if (ctx.engines.includes('pglite')) {
    const database = await openPglite({ dataDir: path.join(dir, 'pglite'), lock: false });
    try {
      await migrateToLatest(database.db);
      await measure('pglite', database);
    } finally {
      await database.close();
    }
  }
  if (ctx.engines.includes('postgres') && ctx.postgresAdminUrl) {
    const admin = new pg.Client({ connectionString: ctx.postgresAdminUrl });
    await admin.connect();
    const dbName = `minqing_bench_${crypto.randomBytes(4).toString('hex')}`;
    await admin.query(`create database ${dbName}`);
    const url = new URL(ctx.postgresAdminUrl);
    url.pathname = `/${dbName}`;
    const database = openPostgres(url.toString(), 4);
    try {
      await migrateToLatest(database.db);
      await measure('postgres', database);
    } finally {
      await database.close();
      await admin.query(`drop database ${dbName} with (force)`);
      await admin.end();
    }
  }
}

/** The process's resident memory from now until `stop()`: what it was at the start, and its peak. */
export function sampleRss(everyMs: number) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, everyMs);
  return { before, peak: () => peak, stop: () => clearInterval(timer) };
}

/** Bytes as MiB, rounded, for logs and metrics. */
export const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

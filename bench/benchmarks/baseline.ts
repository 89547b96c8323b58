import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { ensurePgliteTemplate } from '../../src/server/db/pglite-template.ts';
import { type BenchContext, type Benchmark, type Metric, metric, throughput } from '../harness.ts';

export const TABLE = `create table bench_raw (
  district_code varchar(6) not null, id uuid not null, payload text not null,
  created_at timestamptz not null default now(), primary key (district_code, id))`;
export const INSERT = 'insert into bench_raw (district_code, id, payload) values ($1, $2, $3)';
const WARM_UP_MS = 500;
export const PAYLOAD = '群众反映小区门口道路破损，雨天积水严重，希望尽快修复。'.repeat(4);

/**
 * The physical baseline for every later ratio: durable single-row inserts per second through the
 * raw driver, with no application code. PGlite has one connection, so it is measured at
 * concurrency 1; PostgreSQL (fsync on, synchronous_commit on) at 1 and 8.
 */
export const baseline: Benchmark = {
  name: 'baseline',
  description: 'raw durable single-row insert rate per engine',
  async run(ctx: BenchContext): Promise<Metric[]> {
    const runs = ctx.quick ? 3 : 5;
    const ms = ctx.quick ? 2000 : 5000;
    const out: Metric[] = [];
    if (ctx.engines.includes('pglite')) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-bench-'));
      const db = await PGlite.create(`file://${dir}`, { loadDataDir: await ensurePgliteTemplate() });
      await db.query(TABLE);
      const insert = async () => void (await db.query(INSERT, ['330109', crypto.randomUUID(), PAYLOAD]));
      await throughput(WARM_UP_MS, 1, insert);
      const samples: number[] = [];
      for (let r = 0; r < runs; r++) {
        samples.push(await throughput(ms, 1, insert));
        ctx.log(`  pglite c=1 run ${r + 1}: ${samples.at(-1)?.toFixed(0)}/s`);
      }
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
      // PGlite never fsyncs: its rows reach the OS page cache (crash-safe, not power-cut-safe).
      out.push(
        metric('baseline.raw_insert_per_s', 'pglite', 'rows/s', samples, {
          concurrency: 1,
          sync: 'os-cache',
        }),
      );
    }
    if (ctx.engines.includes('postgres') && ctx.postgresAdminUrl) {
      const admin = new pg.Client({ connectionString: ctx.postgresAdminUrl });
      await admin.connect();
      const name = `minqing_bench_${crypto.randomBytes(4).toString('hex')}`;
      await admin.query(`create database ${name}`);
      const url = new URL(ctx.postgresAdminUrl);
      url.pathname = `/${name}`;
      const pool = new pg.Pool({ connectionString: url.toString(), max: 8 });
      pool.on('error', () => {});
      try {
        await pool.query(TABLE);
        const { rows } = await pool.query<{ fsync: string }>("select current_setting('fsync') as fsync");
        if (rows[0]?.fsync !== 'on')
          ctx.log('  warning: PostgreSQL runs with fsync off; inserts are not durable');
        const insert = async () => void (await pool.query(INSERT, ['330109', crypto.randomUUID(), PAYLOAD]));
        await throughput(WARM_UP_MS, 8, insert);
        for (const concurrency of [1, 8]) {
          const samples: number[] = [];
          for (let r = 0; r < runs; r++) {
            samples.push(await throughput(ms, concurrency, insert));
            ctx.log(`  postgres c=${concurrency} run ${r + 1}: ${samples.at(-1)?.toFixed(0)}/s`);
          }
          out.push(
            metric('baseline.raw_insert_per_s', 'postgres', 'rows/s', samples, {
              concurrency,
              sync: rows[0]?.fsync === 'on' ? 'fsync' : 'none',
            }),
          );
        }
      } finally {
        await pool.end();
        await admin.query(`drop database ${name} with (force)`);
        await admin.end();
      }
    }
    return out;
  },
};

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { setFigureMaintenance } from '../../src/server/modules/figures/maintenance.ts';
import { seed } from '../../src/server/seed/seed.ts';
import type { CreateCase } from '../../src/shared/domain/case.ts';
import { type BenchContext, type Benchmark, type Metric, metric, throughput } from '../harness.ts';
import { INSERT, PAYLOAD, TABLE } from './baseline.ts';
import { listen, withDatabase } from './http-app.ts';
import { intakeTargets } from './intake-targets.ts';

const WARM_UP_MS = 1000;

/**
 * Case intake through HTTP against the raw durable insert of the same database (docs/specs/performance.md:
 * ≥ 50%). The real app listens on loopback over a demo street (all 171 grids, few households);
 * the street dispatcher, signed in once, POSTs /api/v1/cases as fast as `concurrency` clients
 * can, each with its own Idempotency-Key, for a fixed time per run: validation, scope, number,
 * case row, submit event, audit row, outbox message and the idempotency record, in one
 * transaction. The raw rate is bench/benchmarks/baseline.ts's single-row insert, measured on the
 * same database in the same process, alternating with the HTTP runs so that both see the same
 * machine load; the ratio is taken per pair of runs. PGlite only, at concurrency 1 (one
 * connection; the embedded server has no separate process to load): PostgreSQL is measured as it
 * runs in production by intake.ts.
 *
 * The figures' share (issue 12): each run also measures HTTP intake with the figures not kept
 * (MINQING_FIGURES_MAINTAIN=off, switched in-process between runs on the same database), so
 * `intake.figures_overhead_ratio` is the rate with the rollup hook over the rate without, per run.
 * The HTTP metrics carry `figures: 'on' | 'off'`; 'on' is the product as deployed.
 */
export const intakeEmbeddedBench: Benchmark = {
  name: 'intake-embedded',
  description: 'POST /api/v1/cases per second against the raw insert rate, in process, on PGlite',
  async run(ctx: BenchContext): Promise<Metric[]> {
    const runs = ctx.quick ? 3 : 5;
    const ms = ctx.quick ? 2000 : 5000;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-bench-intake-'));
    const out: Metric[] = [];
    try {
      // PostgreSQL is measured as in production by intake.ts; this is the embedded engine's figure.
      for (const engine of ctx.engines.filter((e) => e === 'pglite')) {
        await withDatabase(ctx, engine, path.join(dir, engine), async (database, raw) => {
          const server = await listen(database);
          try {
            await seed(database, { scale: 'demo', households: 200, cipher: server.app.ctx.cipher });
            await raw.query(TABLE, []);
            const { db } = database;
            const sync =
              engine === 'pglite'
                ? 'os-cache'
                : (await sql<{ s: string }>`select current_setting('fsync') as s`.execute(db)).rows[0]?.s ===
                    'on'
                  ? 'fsync'
                  : 'none';
            const { grids, categories } = await intakeTargets(db);
            const cookie = await server.signIn('dispatcher');

            let n = 0;
            const body = (): CreateCase => {
              const i = n++;
              return {
                channel: 'hotline_12345',
                categoryId: categories[i % categories.length]?.id,
                kind: 'complaint',
                urgency: 'ordinary',
                listType: 'problem',
                title: `小区门口道路破损积水 ${i}`,
                description: PAYLOAD,
                regionId: (grids[i % grids.length] as { id: string }).id,
                address: `${(i % 40) + 1}幢${(i % 4) + 1}单元门口`,
                reporter: {
                  type: 'resident',
                  name: '王建国',
                  phone: `138${String(10_000_000 + (i % 9_000_000))}`,
                },
              };
            };
            let latencies: number[] = [];
            const post = async () => {
              const res = await server.request('POST', '/api/v1/cases', {
                cookie,
                body: body(),
                headers: { 'idempotency-key': crypto.randomUUID() },
              });
              if (res.status !== 201) throw new Error(`POST /api/v1/cases: ${res.status} ${res.body}`);
              latencies.push(res.ms);
            };
            const insert = () => raw.query(INSERT, ['330109', crypto.randomUUID(), PAYLOAD]);

            const levels = engine === 'pglite' ? [1] : [1, 8];
            await throughput(WARM_UP_MS, Math.max(...levels), post);
            await throughput(WARM_UP_MS, Math.max(...levels), insert);
            for (const concurrency of levels) {
              const rawRates: number[] = [];
              const overheads: number[] = [];
              const by = {
                on: { rates: [] as number[], ratios: [] as number[], latencies: [] as number[] },
                off: { rates: [] as number[], ratios: [] as number[], latencies: [] as number[] },
              };
              for (let r = 0; r < runs; r++) {
                let rawRate = 0;
                const rate = { on: 0, off: 0 };
                // Alternate the order, so a drift in machine load favours none of them.
                const order = ['raw', 'on', 'off'] as const;
                for (const which of r % 2 === 0 ? order : [...order].reverse()) {
                  if (which === 'raw') {
                    rawRate = await throughput(ms, concurrency, insert);
                    continue;
                  }
                  latencies = [];
                  setFigureMaintenance(which === 'on');
                  try {
                    rate[which] = await throughput(ms, concurrency, post);
                  } finally {
                    setFigureMaintenance(true);
                  }
                  by[which].latencies.push(...latencies.map((l) => Math.round(l * 100) / 100));
                }
                rawRates.push(rawRate);
                for (const f of ['on', 'off'] as const) {
                  by[f].rates.push(rate[f]);
                  by[f].ratios.push(rate[f] / rawRate);
                }
                overheads.push(rate.on / rate.off);
                ctx.log(
                  `  ${engine} c=${concurrency} run ${r + 1}: raw ${rawRate.toFixed(0)}/s, HTTP ${rate.on.toFixed(0)} cases/s, ` +
                    `ratio ${(rate.on / rawRate).toFixed(3)}; figures off ${rate.off.toFixed(0)} cases/s, ` +
                    `on/off ${(rate.on / rate.off).toFixed(3)}`,
                );
              }
              out.push(metric('intake.raw_insert_per_s', engine, 'rows/s', rawRates, { concurrency, sync }));
              for (const figures of ['on', 'off'] as const) {
                const params = { concurrency, sync, figures };
                out.push(
                  metric('intake.cases_per_s', engine, 'cases/s', by[figures].rates, params),
                  metric('intake.http_vs_raw_ratio', engine, 'ratio', by[figures].ratios, params),
                  metric('intake.latency_ms', engine, 'ms', by[figures].latencies, params),
                );
              }
              out.push(
                metric('intake.figures_overhead_ratio', engine, 'ratio', overheads, { concurrency, sync }),
              );
            }
          } finally {
            await server.close();
          }
        });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
};

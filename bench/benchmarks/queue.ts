import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { seedCases } from '../../src/server/seed/cases.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { type BenchContext, type Benchmark, type Metric, metric, quantile } from '../harness.ts';
import { createBenchUsers, listen, type QueryLog, withDatabase } from './http-app.ts';

/** The end of the generated three years (fixed, so that a seed always gives the same ledger). */
const UNTIL = new Date('2026-11-01T00:00:00+08:00');
const TARGET_P95_MS = 50;
const WARM_UP = 20;

/**
 * The dispatcher's queue at district scale (docs/specs/performance.md: filtered page + total, p95 ≤ 50 ms at
 * 1M cases on PostgreSQL). Xiaoshan's territory (2,048 grids, its streets' offices and district
 * bureaus, the default taxonomy; no households) gets `cases` generated cases over three years
 * (seed/cases.ts: ~10% open, submit event per case), then ANALYZE. Two dispatchers sign in over
 * HTTP: one of 宁围街道 (a street's share of the ledger) and one district-wide. Each asks, one
 * request at a time, for the first page (20) and total of: the default open queue, state=submitted,
 * state=in_progress&overdue=true, a top category, a region subtree (a community of the street; a
 * street for the district) and a text search, rotating over several values of each filter.
 * Latency is the client's, loopback included. Then every scenario's two statements (total, page)
 * are run once more under EXPLAIN (ANALYZE, BUFFERS); the plans go to
 * bench/results/queue-plans.json and those of scenarios over the target to the log.
 *
 * The table is vacuumed after the load, as autovacuum would have (MINQING_BENCH_VACUUM=0: not).
 * Size: 1,000,000 cases; --quick 100,000; MINQING_BENCH_CASES overrides either.
 * Requests per scenario: 200 after 20 warm-up (--quick 50); MINQING_BENCH_REQUESTS overrides.
 */
export const queueBench: Benchmark = {
  name: 'queue',
  description: "dispatcher queue (filtered page + total) over a district's generated case ledger",
  async run(ctx: BenchContext): Promise<Metric[]> {
    if (!ctx.engines.includes('postgres') || !ctx.postgresAdminUrl) {
      ctx.log('  skipped: the queue target is measured on PostgreSQL');
      return [];
    }
    const cases = Number(process.env.MINQING_BENCH_CASES ?? (ctx.quick ? 100_000 : 1_000_000));
    const requests = Number(process.env.MINQING_BENCH_REQUESTS ?? (ctx.quick ? 50 : 200));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-bench-queue-'));
    const log: QueryLog = { enabled: false, entries: [] };
    const out: Metric[] = [];
    const plans: {
      scenario: string;
      p95: number;
      statements: { ms: number; sql: string; plan: string }[];
    }[] = [];
    try {
      await withDatabase(
        ctx,
        'postgres',
        dir,
        async (database, raw) => {
          const server = await listen(database);
          const explain = new pg.Client({ connectionString: raw.url });
          await explain.connect();
          try {
            const { db } = database;
            let started = performance.now();
            const territory = await seed(database, {
              scale: 'district',
              households: 0,
              cipher: server.app.ctx.cipher,
            });
            const district = territory.districts[0] as string;
            const streets = await db
              .selectFrom('region')
              .select(['id', 'name', 'path'])
              .where('level', '=', 'street')
              .orderBy('path')
              .execute();
            const street =
              streets.find((s) => s.name === '宁围街道') ?? (streets[0] as (typeof streets)[number]);
            await createBenchUsers(db, district, 'dispatcher', [
              ['street_dispatcher', street.id],
              ['district_dispatcher', null],
            ] as const);
            ctx.log(
              `  territory: ${territory.counts.region.toLocaleString('en')} regions in ${((performance.now() - started) / 1000).toFixed(1)} s`,
            );
            started = performance.now();
            const summary = await seedCases(database, district, {
              count: cases,
              until: UNTIL,
              cipher: server.app.ctx.cipher,
              events: 'submit',
              onProgress: (m) => ctx.log(`  ${m}`),
            });
            ctx.log(
              `  seeded ${summary.cases.toLocaleString('en')} cases, ${summary.events.toLocaleString('en')} events in ` +
                `${((performance.now() - started) / 1000).toFixed(1)} s (ANALYZE included); by state ${JSON.stringify(summary.byState)}`,
            );

            // A table in steady state has been vacuumed by autovacuum (visibility map set, so
            // totals count from the index); a bulk load has not yet: vacuum as autovacuum would.
            // MINQING_BENCH_VACUUM=0 measures straight after the load instead.
            if (process.env.MINQING_BENCH_VACUUM !== '0') {
              started = performance.now();
              await sql`vacuum (analyze) case_record`.execute(db);
              ctx.log(`  vacuumed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
            }

            const tops = await db
              .selectFrom('case_category')
              .select('id')
              .where('parent_id', 'is', null)
              .orderBy('path')
              .execute();
            const communities = await db
              .selectFrom('region')
              .select('id')
              .where('level', '=', 'community')
              .where('path', 'like', `${street.path}.%`)
              .orderBy('path')
              .execute();
            const words = ['垃圾清运', '油烟', '电梯', '停车', '拖欠工资', '噪声', '漏水', '诈骗'];
            const rotate = <T>(values: readonly T[], i: number) => values[i % values.length] as T;
            const accounts = [
              { name: 'street', username: 'street_dispatcher', regions: communities.map((c) => c.id) },
              { name: 'district', username: 'district_dispatcher', regions: streets.map((s) => s.id) },
            ];
            const filters: { name: string; query: (i: number, regions: string[]) => string }[] = [
              { name: 'open', query: () => '' },
              { name: 'state=submitted', query: () => 'state=submitted' },
              { name: 'state=in_progress&overdue=true', query: () => 'state=in_progress&overdue=true' },
              { name: 'categoryId', query: (i) => `categoryId=${rotate(tops, i).id}` },
              { name: 'regionId', query: (i, regions) => `regionId=${rotate(regions, i)}` },
              { name: 'q', query: (i) => `q=${encodeURIComponent(rotate(words, i))}` },
            ];

            for (const account of accounts) {
              const cookie = await server.signIn(account.username);
              for (const filter of filters) {
                const get = async (i: number) => {
                  const qs = filter.query(i, account.regions);
                  const res = await server.request('GET', `/api/v1/cases${qs ? `?${qs}` : ''}`, { cookie });
                  if (res.status !== 200)
                    throw new Error(`GET /api/v1/cases?${qs}: ${res.status} ${res.body}`);
                  return res;
                };
                for (let i = 0; i < WARM_UP; i++) await get(i);
                const latencies: number[] = [];
                const totals: number[] = [];
                for (let i = 0; i < requests; i++) {
                  const res = await get(i);
                  latencies.push(Math.round(res.ms * 100) / 100);
                  if (i < 8) totals.push((JSON.parse(res.body) as { total: number }).total);
                }
                const p95 = quantile(latencies, 0.95);
                const scenario = `${account.name} ${filter.name}`;
                ctx.log(
                  `  ${scenario}: p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
                    `p99 ${quantile(latencies, 0.99).toFixed(1)} ms; totals ${totals.join(', ')}`,
                );
                out.push(
                  metric('queue.p95_ms', 'postgres', 'ms', latencies, {
                    cases,
                    account: account.name,
                    filter: filter.name,
                  }),
                );

                // One more request with the query log on, then its statements under EXPLAIN ANALYZE.
                log.entries = [];
                log.enabled = true;
                await get(0);
                log.enabled = false;
                const statements = [];
                for (const e of log.entries.filter((q) => q.sql.includes('"case_record"'))) {
                  const result = await explain.query(
                    `explain (analyze, buffers, format text) ${e.sql}`,
                    e.parameters as unknown[],
                  );
                  const plan = result.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
                  statements.push({ ms: Math.round(e.ms * 100) / 100, sql: e.sql, plan });
                }
                plans.push({ scenario, p95, statements });
                if (p95 > TARGET_P95_MS) {
                  for (const s of statements) ctx.log(`  plan (${s.ms} ms in the app):\n${indent(s.plan)}`);
                }
              }
            }
          } finally {
            await explain.end();
            await server.close();
          }
        },
        log,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      const file = path.resolve(import.meta.dirname, '..', 'results', 'queue-plans.json');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify({ cases, plans }, null, 2)}\n`);
    }
    return out;
  },
};

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { PiiCipher } from '../../src/server/crypto/pii.ts';
import type { Database } from '../../src/server/db/engine.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { seedCases } from '../../src/server/seed/cases.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { type BenchContext, type Benchmark, type Metric, metric, quantile } from '../harness.ts';
import { createBenchUsers, listen, type QueryLog } from './http-app.ts';
import type { RequestTemplate } from './load-generator.ts';
import { withProductionServer } from './server-process.ts';

/** The end of the generated three years (fixed, so that a seed always gives the same ledger). */
const UNTIL = new Date('2026-11-01T00:00:00+08:00');
const TARGET_P95_MS = 50;
const WARM_UP_MS = 1_000;

/**
 * The dispatcher's queue at district scale (docs/specs/performance.md: filtered page + total, p95 ≤ 50 ms at
 * 1M cases on PostgreSQL), on the server as in production (issue 16 §8: `minqing start` in its own
 * process, logs, job queue and outbox delivery on; server-process.ts) driven by the load generator
 * in another process. Xiaoshan's territory (2,048 grids, its streets' offices and district
 * bureaus, the default taxonomy; no households) gets `cases` generated cases over three years
 * (seed/cases.ts: ~10% open, submit event per case), then ANALYZE, before the server starts. Two
 * dispatchers sign in: one of 宁围街道 (a street's share of the ledger) and one district-wide. Each
 * asks, one request at a time for `durationMs` after a second's warm-up, for the first page (20)
 * and total of: the default open queue, state=submitted, state=in_progress&overdue=true, a top
 * category, a region subtree (a community of the street; a street for the district) and a text
 * search, rotating over several values of each filter. Latency is the client's, loopback
 * included. Then every scenario's two statements (total, page), taken from one more request
 * through an app in this process over the same database, are run under EXPLAIN (ANALYZE,
 * BUFFERS); the plans go to bench/results/queue-plans.json and those of scenarios over the
 * target to the log.
 *
 * The table is vacuumed after the load, as autovacuum would have (MINQING_BENCH_VACUUM=0: not).
 * Size: 1,000,000 cases; --quick 100,000; MINQING_BENCH_CASES overrides either.
 * Time per scenario: 5 s (--quick 2 s); MINQING_BENCH_QUEUE_MS overrides.
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
    const durationMs = Number(process.env.MINQING_BENCH_QUEUE_MS ?? (ctx.quick ? 2_000 : 5_000));
    const log: QueryLog = { enabled: false, entries: [] };
    const out: Metric[] = [];
    const plans: {
      scenario: string;
      p95: number;
      statements: { ms: number; sql: string; plan: string }[];
    }[] = [];
    const prepare = async (database: Database, cipher: PiiCipher) => {
      const { db } = database;
      let started = performance.now();
      const territory = await seed(database, { scale: 'district', households: 0, cipher });
      const district = territory.districts[0] as string;
      const street = await benchStreet(db);
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
        cipher,
        events: 'submit',
        onProgress: (m) => ctx.log(`  ${m}`),
      });
      ctx.log(
        `  seeded ${summary.cases.toLocaleString('en')} cases, ${summary.events.toLocaleString('en')} events in ` +
          `${((performance.now() - started) / 1000).toFixed(1)} s (ANALYZE included); by state ${JSON.stringify(summary.byState)}`,
      );
      // A table in steady state has been vacuumed by autovacuum (visibility map set, so totals
      // count from the index); a bulk load has not yet: vacuum as autovacuum would.
      // MINQING_BENCH_VACUUM=0 measures straight after the load instead.
      if (process.env.MINQING_BENCH_VACUUM !== '0') {
        started = performance.now();
        await sql`vacuum (analyze) case_record`.execute(db);
        ctx.log(`  vacuumed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    };
    try {
      await withProductionServer(
        ctx,
        'queue',
        prepare,
        async ({ database, databaseUrl, server, load, signIn, piiKey }) => {
          const { db } = database;
          const street = await benchStreet(db);
          const streets = await db
            .selectFrom('region')
            .select('id')
            .where('level', '=', 'street')
            .orderBy('path')
            .execute();
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
          // The plans are read afterwards through an app in this process over the same database,
          // whose queries the log records; the server's own latencies are not touched by it.
          const probe = await listen(database, piiKey);
          try {
            const client = new pg.Client({ connectionString: databaseUrl });
            await client.connect();
            try {
              for (const account of accounts) {
                const cookie = await signIn(account.username);
                for (const filter of filters) {
                  const queries = Array.from({ length: 24 }, (_, i) => filter.query(i, account.regions));
                  const template: RequestTemplate = {
                    method: 'GET',
                    path: '/api/v1/cases?{{qs}}',
                    headers: { cookie },
                    vars: { qs: queries },
                    collect: 'total',
                  };
                  const run = (ms: number) =>
                    load.run({
                      mode: 'closed',
                      url: server.url,
                      template,
                      concurrency: 1,
                      durationMs: ms,
                      timeoutMs: 30_000,
                    });
                  await run(WARM_UP_MS);
                  const result = await run(durationMs);
                  if (result.errors + result.timeouts + result.shed > 0)
                    throw new Error(`queue: ${JSON.stringify(result.statuses)}: ${result.firstError}`);
                  const latencies = result.okMs.map((l) => Math.round(l * 100) / 100);
                  const p95 = quantile(latencies, 0.95);
                  const scenario = `${account.name} ${filter.name}`;
                  ctx.log(
                    `  ${scenario}: ${latencies.length} requests, p50 ${quantile(latencies, 0.5).toFixed(1)} ms, ` +
                      `p95 ${p95.toFixed(1)} ms, p99 ${quantile(latencies, 0.99).toFixed(1)} ms; ` +
                      `totals ${result.collected.slice(0, 8).join(', ')}`,
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
                  const qs = queries[0] as string;
                  const res = await probe.request('GET', `/api/v1/cases${qs ? `?${qs}` : ''}`, { cookie });
                  log.enabled = false;
                  if (res.status !== 200)
                    throw new Error(`GET /api/v1/cases?${qs}: ${res.status} ${res.body}`);
                  const statements = [];
                  for (const e of log.entries.filter((q) => q.sql.includes('"case_record"'))) {
                    const explained = await client.query(
                      `explain (analyze, buffers, format text) ${e.sql}`,
                      e.parameters as unknown[],
                    );
                    const plan = explained.rows
                      .map((r: Record<string, string>) => r['QUERY PLAN'])
                      .join('\n');
                    statements.push({ ms: Math.round(e.ms * 100) / 100, sql: e.sql, plan });
                  }
                  plans.push({ scenario, p95, statements });
                  if (p95 > TARGET_P95_MS) {
                    for (const st of statements)
                      ctx.log(`  plan (${st.ms} ms in the app):\n${indent(st.plan)}`);
                  }
                }
              }
            } finally {
              await client.end();
            }
          } finally {
            await probe.close();
          }
        },
        log,
      );
    } finally {
      const file = path.resolve(import.meta.dirname, '..', 'results', 'queue-plans.json');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify({ cases, plans }, null, 2)}\n`);
    }
    return out;
  },
};

/** The street the street dispatcher works in: 宁围街道 (Xiaoshan), else the first. */
async function benchStreet(db: Kysely<DB>) {
  const streets = await db
    .selectFrom('region')
    .select(['id', 'name', 'path'])
    .where('level', '=', 'street')
    .orderBy('path')
    .execute();
  return streets.find((s) => s.name === '宁围街道') ?? (streets[0] as (typeof streets)[number]);
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

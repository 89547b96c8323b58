import { analyzeChangedTables } from '../../src/server/db/statistics.ts';
import { type BenchContext, type Benchmark, type Metric, metric, quantile } from '../harness.ts';
import type { RequestTemplate } from './load-generator.ts';
import { demoStreet, withProductionServer } from './server-process.ts';
import { visitBatch, visitTargets } from './visit-batches.ts';

const BATCH = 50;
const WORKER = 'worker1';
const LEVELS = [1, 4, 8];
const HOUSEHOLDS = 10_000;

/**
 * The field app's sync as in production (issue 16 §4 and §8): `minqing start` in its own process
 * (logs on, job queue and outbox delivery on; server-process.ts) over the demo street with
 * 10,000 households, driven by the load generator in another process: `concurrency` devices (1, 4,
 * 8) each POST /api/v1/visits/sync with a batch of 50 visits as soon as the previous answer came,
 * signed in as the grid worker `worker1`. Each batch visits households of the worker's community
 * (1 in 5 visits raises an issue, 2 in 5 of those resolved on the spot; 3 in 4 check in) and
 * every visit has a fresh client id, so every batch writes 50 new visits, in one transaction with
 * a savepoint per visit. `sync.visits_per_s` is visits written per second of wall time on the
 * whole machine (server, PostgreSQL and load generator share its cores); `sync.batch_ms` the
 * batches' latency. bench/benchmarks/sync.ts measures the same path in process, with the
 * figures' share and statements per visit.
 */
export const syncProductionBench: Benchmark = {
  name: 'sync-production',
  description: 'POST /api/v1/visits/sync at 1, 4, 8 devices on the production server (PostgreSQL)',
  async run(ctx: BenchContext): Promise<Metric[]> {
    if (!ctx.engines.includes('postgres') || !ctx.postgresAdminUrl) {
      ctx.log('  skipped: the sync target is measured on PostgreSQL');
      return [];
    }
    const rounds = ctx.quick ? 2 : 3;
    const ms = ctx.quick ? 3_000 : 6_000;
    const out: Metric[] = [];
    await withProductionServer(
      ctx,
      'sync',
      demoStreet(HOUSEHOLDS),
      async ({ database, server, load, signIn, settle }) => {
        const { households, categories } = await visitTargets(database.db, WORKER);
        if (households.length === 0) throw new Error(`${WORKER} has no households to visit`);
        // Fewer than 50 per device syncing at once and the devices' batches share households, so
        // they take turns on those rows (sync-visits.ts locks a batch's households up front).
        ctx.log(`  ${WORKER} visits ${households.length} households`);
        const cookie = await signIn(WORKER);
        // One batch shape; each request fills in fresh client ids (nothing replays) and its own
        // households: slot v of request n visits households[((n * 50 + v) * 7919) mod count], so
        // devices syncing at once visit different households, as different workers' devices do.
        const vars: Record<string, string[]> = {};
        for (let v = 0; v < BATCH; v++)
          vars[`h${v}`] = households.map(
            (_, n) => (households[((n * BATCH + v) * 7919) % households.length] as { id: string }).id,
          );
        const template: RequestTemplate = {
          method: 'POST',
          path: '/api/v1/visits/sync',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify(
            visitBatch(0, BATCH, {
              clientId: () => 'bench-{{uuid}}',
              householdId: (v) => `{{h${v}}}`,
              categories,
              spread: false,
            }),
          ),
          vars,
        };
        const run = (concurrency: number, durationMs: number) =>
          load.run({ mode: 'closed', url: server.url, template, concurrency, durationMs, timeoutMs: 60_000 });
        await run(4, 2_000);
        // The visit tables start empty, a district's are not: analyse the warm-up's writes as
        // autovacuum would, or the server's prepared statements keep their empty-table plans.
        await analyzeChangedTables(database.db);
        await settle();
        for (const concurrency of LEVELS) {
          const rates: number[] = [];
          const latencies: number[] = [];
          for (let round = 0; round < rounds; round++) {
            const result = await run(concurrency, ms);
            if (result.errors + result.timeouts > 0)
              throw new Error(`sync: ${JSON.stringify(result.statuses)}: ${result.firstError}`);
            rates.push((result.answered * BATCH) / result.seconds);
            latencies.push(...result.okMs.map((l) => Math.round(l)));
            ctx.log(
              `  c=${concurrency} round ${round + 1}: ${rates.at(-1)?.toFixed(0)} visits/s, ` +
                `batch p50 ${quantile(result.okMs, 0.5).toFixed(0)} ms, ${result.shed} shed`,
            );
            await settle();
          }
          const params = { concurrency, batch: BATCH, server: 'production' };
          out.push(
            metric('sync.visits_per_s', 'postgres', 'visits/s', rates, params),
            metric('sync.batch_ms', 'postgres', 'ms', latencies, params),
          );
        }
      },
    );
    return out;
  },
};

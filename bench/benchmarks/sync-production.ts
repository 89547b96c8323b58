import type { CreateVisit, SyncBatch } from '../../src/shared/domain/visit.ts';
import { type BenchContext, type Benchmark, type Metric, metric, quantile } from '../harness.ts';
import type { RequestTemplate } from './load-generator.ts';
import { withProductionServer } from './server-process.ts';

const BATCH = 50;
const WORKER = 'worker1';
const LEVELS = [1, 4, 8];
const HOUSEHOLDS = 10_000;

/**
 * The field app's sync as in production (issue 16 §4 and §8): `minqing start` in its own process
 * (logs on, job queue and outbox delivery on; server-process.ts) over the demo street with
 * 2,000 households, driven by the load generator in another process: `concurrency` devices (1, 4,
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
      HOUSEHOLDS,
      async ({ database, server, load, signIn, settle }) => {
        const worker = await database.db
          .selectFrom('app_user as u')
          .innerJoin('role_grant as g', (j) =>
            j.onRef('g.district_code', '=', 'u.district_code').onRef('g.user_id', '=', 'u.id'),
          )
          .innerJoin('region as r', (j) =>
            j.onRef('r.district_code', '=', 'g.district_code').onRef('r.id', '=', 'g.scope_region_id'),
          )
          .select(['u.district_code', 'r.path'])
          .where('u.username', '=', WORKER)
          .executeTakeFirstOrThrow();
        const households = await database.db
          .selectFrom('household')
          .select('id')
          .where('district_code', '=', worker.district_code)
          .where('region_path', 'like', `${worker.path}.%`)
          .where('removed_at', 'is', null)
          .orderBy('id')
          .execute();
        const categories = await database.db
          .selectFrom('case_category')
          .select('id')
          .where('district_code', '=', worker.district_code)
          .where('parent_id', 'is not', null)
          .where('active', '=', true)
          .orderBy('path')
          .execute();
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
          body: JSON.stringify(batchOf(categories)),
          vars,
        };
        const run = (concurrency: number, durationMs: number) =>
          load.run({ mode: 'closed', url: server.url, template, concurrency, durationMs, timeoutMs: 60_000 });
        await run(4, 2_000);
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

/** A batch of 50 visits whose client ids and households the load generator fills in per request. */
function batchOf(categories: { id: string }[]): SyncBatch {
  const visits = Array.from({ length: BATCH }, (_, i) => {
    const started = Date.now() - (1 + (i % 72)) * 3_600_000;
    const issue = i % 5 === 2;
    const onSpot = issue && i % 25 < 10;
    const visit: CreateVisit = {
      form: 'routine',
      target: {
        type: 'household',
        householdId: `{{h${i}}}`,
      },
      companionIds: [],
      startedAt: new Date(started).toISOString(),
      endedAt: new Date(started + 25 * 60_000).toISOString(),
      ...(i % 4 !== 0
        ? { checkIn: { latitude: 30.18 + (i % 100) * 1e-5, longitude: 120.27, accuracy: 12 } }
        : {}),
      notes: '入户走访，了解家庭近况，宣传垃圾分类和防范电信诈骗知识。',
      services: ['policy_explained'],
      issues: issue
        ? [
            {
              title: '楼道堆放杂物影响通行',
              description: '住户反映楼道内长期堆放纸箱和旧家具，存在消防隐患，希望社区协调清理。',
              kind: 'complaint',
              urgency: 'ordinary',
              listType: 'problem',
              ...(categories.length > 0
                ? { categoryId: (categories[i % categories.length] as { id: string }).id }
                : {}),
              resolvedOnSpot: onSpot,
              ...(onSpot ? { resolution: '当场联系楼长和住户，杂物已清理。' } : {}),
            },
          ]
        : [],
      opinions: [],
    };
    return { clientId: 'bench-{{uuid}}', visit };
  });
  return { visits };
}

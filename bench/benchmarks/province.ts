import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createAuditMac } from '../../src/server/crypto/audit-mac.ts';
import { createPiiCipher, generatePiiKey } from '../../src/server/crypto/pii.ts';
import { addWorker, clusterStatus, rebalance } from '../../src/server/db/cluster.ts';
import { type Database, openPostgres } from '../../src/server/db/engine.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { refreshStatistics } from '../../src/server/db/statistics.ts';
import { setAuditMac } from '../../src/server/modules/audit/audit-chain.ts';
import { seedCases } from '../../src/server/seed/cases.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { seedVisits } from '../../src/server/seed/visits.ts';
import { fetchSender, signIn } from '../../test/support/auth.ts';
import { citusDatabases, startCitusCluster, startCitusNode } from '../../test/support/citus-cluster.ts';
import { type PostgresCluster, startPostgresCluster } from '../../test/support/postgres-cluster.ts';
import { type BenchContext, type Benchmark, type Metric, metric, quantile } from '../harness.ts';
import { createBenchUsers } from './http-app.ts';
import { staffCaseBody } from './intake-targets.ts';
import {
  forkLoadGenerator,
  type LoadGenerator,
  type LoadResult,
  type RequestTemplate,
} from './load-generator.ts';
import { startServerProcess } from './server-process.ts';

/** The end of the generated case ledger (fixed, so a seed always gives the same ledger). */
const UNTIL = new Date('2026-11-01T00:00:00+08:00');
const DATABASE = 'minqing_province';

/**
 * A province on one PostgreSQL server beside the same province on Citus (issue 17 §5), in one
 * run: `npm run bench -- --engine citus`. The generator's province scale (seed.ts `province`:
 * N districts of Zhejiang, largest first at shares 1/(i+1)^0.8) with `households` in all, a
 * dispatcher and a leader per district, visits and cases spread over the districts as their
 * households are, the figures rebuilt, ANALYZE. Each target is then served by `minqing start` in
 * its own process (logs, job queue and outbox on; server-process.ts) and driven by the load
 * generator in another (load-generator.ts), every district's users in proportion to its size:
 *
 * - intake: dispatchers POST /api/v1/cases, 8 clients (closed loop): cases/s and p95;
 * - queue: dispatchers GET their open queue (first page and total), 4 clients: p95;
 * - coverage: leaders GET the district's unvisited households this quarter, 4 clients: p95;
 * - dashboard: leaders GET the district's headline figures this month, 4 clients: p95.
 *
 * Targets: single PostgreSQL (`postgres`), then Citus with one worker, then the same cluster after
 * `minqing cluster add-worker` and `rebalance` (two workers). Every node is a PostgreSQL 15 of
 * this machine with fsync on, so the cluster's nodes, the server and the load generator share its
 * cores: the figures are ratios between targets, not a province's capacity.
 *
 * Size: 12 districts, 60,000 households, 60,000 visits, 30,000 cases (--quick 6 / 12,000 /
 * 12,000 / 6,000); MINQING_BENCH_DISTRICTS, _HOUSEHOLDS, _VISITS, _CASES override. Time per
 * scenario: 8 s (--quick 4 s), MINQING_BENCH_PROVINCE_MS.
 */
export const provinceBench: Benchmark = {
  name: 'province',
  description: 'a province of N districts on single PostgreSQL and on Citus (one worker, then two)',
  async run(ctx: BenchContext): Promise<Metric[]> {
    if (!ctx.engines.includes('citus')) {
      ctx.log('  skipped: the province is measured with --engine citus');
      return [];
    }
    const env = process.env;
    const size = {
      districts: Number(env.MINQING_BENCH_DISTRICTS ?? (ctx.quick ? 6 : 12)),
      households: Number(env.MINQING_BENCH_HOUSEHOLDS ?? (ctx.quick ? 12_000 : 60_000)),
      visits: Number(env.MINQING_BENCH_VISITS ?? (ctx.quick ? 12_000 : 60_000)),
      cases: Number(env.MINQING_BENCH_CASES ?? (ctx.quick ? 6_000 : 30_000)),
    };
    const ms = Number(env.MINQING_BENCH_PROVINCE_MS ?? (ctx.quick ? 4_000 : 8_000));
    ctx.log(`  province: ${JSON.stringify(size)}, ${ms} ms per scenario`);
    const out: Metric[] = [];

    // Single PostgreSQL.
    const single = await startPostgresCluster({ fsync: true });
    try {
      await createDatabase(single.url('postgres'));
      out.push(...(await measureTarget(ctx, single.url(DATABASE), size, ms, 'postgres', {})));
    } finally {
      single.stop();
    }

    // Citus: one worker, then two.
    const cluster = await startCitusCluster({ workers: 1, fsync: true });
    let second: PostgresCluster | undefined;
    try {
      const databases = citusDatabases(cluster.adminUrls);
      await databases.create(DATABASE);
      out.push(
        ...(await measureTarget(ctx, databases.url(DATABASE), size, ms, 'citus', {
          async between(database) {
            second = await startCitusNode({ fsync: true });
            const started = performance.now();
            await addWorker(database.db, second.url('postgres'));
            await rebalance(database.db, { pollMs: 500 });
            const nodes = await clusterStatus(database.db);
            const seconds = (performance.now() - started) / 1000;
            ctx.log(
              `  added a worker and rebalanced in ${seconds.toFixed(1)} s: ` +
                nodes.map((n) => `${n.role} :${n.port} ${n.shardGroups} groups`).join(', '),
            );
            return [metric('province.rebalance_s', 'citus', 's', [Math.round(seconds * 10) / 10], size)];
          },
        })),
      );
    } finally {
      second?.stop();
      cluster.stop();
    }

    // Ratios: Citus against single PostgreSQL, and two workers against one.
    const find = (name: string, engine: string, workers: number) =>
      out.find((m) => m.name === name && m.engine === engine && m.params.workers === workers)?.median;
    const ratio = (name: string, a: number | undefined, b: number | undefined, params: Metric['params']) => {
      if (a === undefined || b === undefined || b === 0) return;
      const value = Math.round((a / b) * 1000) / 1000;
      ctx.log(`  ${name} ${JSON.stringify(params)}: ${value}`);
      out.push(metric(name, 'n/a', 'ratio', [value], params));
    };
    for (const scenario of ['intake', 'queue', 'coverage', 'dashboard']) {
      const rate = `province.${scenario}_per_s`;
      ratio('province.citus_vs_postgres', find(rate, 'citus', 1), find(rate, 'postgres', 0), {
        scenario,
        workers: 1,
      });
      ratio('province.citus_vs_postgres', find(rate, 'citus', 2), find(rate, 'postgres', 0), {
        scenario,
        workers: 2,
      });
      ratio('province.two_vs_one_worker', find(rate, 'citus', 2), find(rate, 'citus', 1), { scenario });
    }
    return out;
  },
};

async function createDatabase(adminUrl: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

interface Size {
  districts: number;
  households: number;
  visits: number;
  cases: number;
}

interface DistrictTargets {
  code: string;
  households: number;
  rootId: string;
  grids: string[];
  categories: string[];
}

/**
 * Seeds the province into `url`, serves it and measures the four scenarios; `between` (Citus) then
 * changes the cluster under the running server and everything is measured again.
 */
async function measureTarget(
  ctx: BenchContext,
  url: string,
  size: Size,
  ms: number,
  engine: 'postgres' | 'citus',
  hooks: { between?: (database: Database) => Promise<Metric[]> },
): Promise<Metric[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `minqing-bench-province-${engine}-`));
  const piiKey = generatePiiKey();
  const auditKey = crypto.randomBytes(32);
  setAuditMac(createAuditMac(auditKey));
  const cipher = createPiiCipher(piiKey);
  const database = openPostgres(url, 4);
  const out: Metric[] = [];
  let load: LoadGenerator | undefined;
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  try {
    let started = performance.now();
    await migrateToLatest(database.db);
    const territory = await seed(database, {
      scale: 'province',
      districts: size.districts,
      households: size.households,
      cipher,
    });
    const districts = await districtTargets(database, territory.districts);
    const total = districts.reduce((s, d) => s + d.households, 0);
    for (const d of districts) {
      await createBenchUsers(database.db, d.code, 'dispatcher', [[`dispatcher_${d.code}`, null]]);
      await createBenchUsers(database.db, d.code, 'leader', [[`leader_${d.code}`, d.rootId]]);
      const share = d.households / total;
      const quiet = () => {};
      await seedVisits(database, d.code, {
        count: Math.round(size.visits * share),
        until: new Date(),
        onProgress: quiet,
      });
      await seedCases(database, d.code, {
        count: Math.max(1, Math.round(size.cases * share)),
        until: UNTIL,
        cipher,
        events: 'submit',
        onProgress: quiet,
      });
    }
    const seeded = (performance.now() - started) / 1000;
    ctx.log(`  ${engine}: seeded ${districts.length} districts in ${seeded.toFixed(1)} s`);
    out.push(metric('province.seed_s', engine, 's', [Math.round(seeded * 10) / 10], { ...size }));

    started = performance.now();
    const serving = await startServerProcess({
      databaseUrl: url,
      dataDir: path.join(dir, 'data'),
      piiKey,
      auditKey: auditKey.toString('base64'),
    });
    ctx.log(`  \`minqing start\` ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    server = serving;
    const generator = forkLoadGenerator();
    load = generator;
    const send = fetchSender(serving.url);
    const cookies = new Map<string, string>();
    for (const d of districts) {
      for (const user of [`dispatcher_${d.code}`, `leader_${d.code}`])
        cookies.set(user, await signIn(send, user, `province-${engine}-${user}`));
    }
    // Each district's share of the requests is its share of the households (at least one slot).
    const slots = districts.flatMap((d) =>
      Array.from({ length: Math.max(1, Math.round((40 * d.households) / total)) }, (_, i) => ({ d, i })),
    );
    const scenarios: { name: string; concurrency: number; template: RequestTemplate }[] = [
      {
        name: 'intake',
        concurrency: 8,
        template: {
          method: 'POST',
          path: '/api/v1/cases',
          headers: {
            'content-type': 'application/json',
            cookie: '{{dispatcher}}',
            'idempotency-key': 'province-{{uuid}}',
          },
          body: JSON.stringify(staffCaseBody('3幢2单元门口')),
          vars: {
            dispatcher: slots.map(({ d }) => cookies.get(`dispatcher_${d.code}`) as string),
            grid: slots.map(({ d, i }) => d.grids[i % d.grids.length] as string),
            category: slots.map(({ d, i }) => d.categories[i % d.categories.length] as string),
          },
        },
      },
      {
        name: 'queue',
        concurrency: 4,
        template: {
          method: 'GET',
          path: '/api/v1/cases?view=queue',
          headers: { cookie: '{{dispatcher}}' },
          vars: { dispatcher: slots.map(({ d }) => cookies.get(`dispatcher_${d.code}`) as string) },
        },
      },
      {
        name: 'coverage',
        concurrency: 4,
        template: {
          method: 'GET',
          path: '/api/v1/coverage/unvisited?regionId={{root}}&target=household&period=quarter',
          headers: { cookie: '{{leader}}' },
          vars: {
            leader: slots.map(({ d }) => cookies.get(`leader_${d.code}`) as string),
            root: slots.map(({ d }) => d.rootId),
          },
        },
      },
      {
        name: 'dashboard',
        concurrency: 4,
        template: {
          method: 'GET',
          path: '/api/v1/figures?regionId={{root}}&period=month',
          headers: { cookie: '{{leader}}' },
          vars: {
            leader: slots.map(({ d }) => cookies.get(`leader_${d.code}`) as string),
            root: slots.map(({ d }) => d.rootId),
          },
        },
      },
    ];
    const runAll = async (workers: number) => {
      for (const scenario of scenarios) {
        const job = { url: serving.url, template: scenario.template, timeoutMs: 30_000 };
        await generator.run({
          ...job,
          mode: 'closed',
          concurrency: scenario.concurrency,
          durationMs: 1_000,
        });
        const result = await generator.run({
          ...job,
          mode: 'closed',
          concurrency: scenario.concurrency,
          durationMs: ms,
        });
        out.push(...scenarioMetrics(ctx, engine, workers, scenario.name, scenario.concurrency, result));
      }
    };
    const workers =
      engine === 'citus' ? (await clusterStatus(database.db)).filter((n) => n.role === 'worker').length : 0;
    await runAll(workers);
    if (hooks.between) {
      out.push(...(await hooks.between(database)));
      // Moved shards are new tables on their worker, without statistics until analysed.
      await refreshStatistics(database.db);
      await runAll(workers + 1);
    }
    return out;
  } finally {
    await load?.close();
    await server?.close();
    await database.close();
    if (process.env.MINQING_BENCH_KEEP) ctx.log(`  kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

function scenarioMetrics(
  ctx: BenchContext,
  engine: 'postgres' | 'citus',
  workers: number,
  scenario: string,
  concurrency: number,
  result: LoadResult,
): Metric[] {
  if (result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `province ${scenario} on ${engine} (${workers} workers): ${result.errors} errors, ${result.timeouts} timeouts; ${result.firstError}`,
    );
  }
  const rate = result.answered / result.seconds;
  const p95 = quantile(result.okMs, 0.95);
  const params = { workers, concurrency };
  ctx.log(
    `  ${engine}${engine === 'citus' ? ` (${workers} worker${workers > 1 ? 's' : ''})` : ''} ${scenario}: ` +
      `${rate.toFixed(0)}/s, p50 ${quantile(result.okMs, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms` +
      (result.shed > 0 ? `, ${result.shed} shed` : ''),
  );
  return [
    metric(`province.${scenario}_per_s`, engine, 'req/s', [Math.round(rate * 10) / 10], params),
    metric(`province.${scenario}_ms`, engine, 'ms', result.okMs, params),
  ];
}

/** Each district's root, grids and subcategories, with its households, largest first. */
async function districtTargets(database: Database, codes: string[]): Promise<DistrictTargets[]> {
  const { db } = database;
  const out: DistrictTargets[] = [];
  for (const code of codes) {
    const root = await db
      .selectFrom('region')
      .select('id')
      .where('district_code', '=', code)
      .where('level', '=', 'district')
      .executeTakeFirstOrThrow();
    const grids = await db
      .selectFrom('region')
      .select('id')
      .where('district_code', '=', code)
      .where('level', '=', 'grid')
      .orderBy('path')
      .execute();
    const categories = await db
      .selectFrom('case_category')
      .select('id')
      .where('district_code', '=', code)
      .where('parent_id', 'is not', null)
      .orderBy('path')
      .execute();
    const households = await db
      .selectFrom('household')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .where('district_code', '=', code)
      .executeTakeFirstOrThrow();
    out.push({
      code,
      households: Number(households.n),
      rootId: root.id,
      grids: grids.map((g) => g.id),
      categories: categories.map((c) => c.id),
    });
  }
  return out;
}

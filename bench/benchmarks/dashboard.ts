import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../../src/server/db/schema.ts';
import { seedCases } from '../../src/server/seed/cases.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { seedVisits } from '../../src/server/seed/visits.ts';
import type { FiguresReport } from '../../src/shared/domain/figures.ts';
import { addDays } from '../../src/shared/time/china-time.ts';
import { type BenchContext, type Benchmark, type Metric, metric, quantile } from '../harness.ts';
import { createBenchUsers, listen, type QueryLog, withDatabase } from './http-app.ts';

const TARGET_P95_MS = 50;
const WARM_UP = 20;
const PERIODS = ['month', 'quarter'] as const;
const ACCOUNTS = ['district leader', 'street leader'] as const;

/** What a statement of the figures request reads, from the tables it names. */
type Part = 'cases (rollup)' | 'visits (rollup)' | 'coverage' | 'other';
const partOf = (text: string): Part =>
  /"case_figure/.test(text)
    ? 'cases (rollup)'
    : /"visit_figure/.test(text)
      ? 'visits (rollup)'
      : /"coverage_figure|"(household|enterprise)"/.test(text)
        ? 'coverage'
        : 'other';

interface Size {
  visits: number;
  cases: number;
}

interface ScenarioPlan {
  visits: number;
  cases: number;
  account: string;
  period: string;
  p95: number;
  /** Milliseconds the application waited on each part's statements (they run concurrently). */
  byPart: Record<string, number>;
  statements: { part: Part; ms: number; executionMs: number | null; sql: string; plan: string }[];
}

/**
 * The leader dashboard's headline figures (issue 12; docs/specs/performance.md: p95 ≤ 50 ms at 5M
 * visits / 1.5M cases on PostgreSQL, and at 10× the data p95 grows ≤ 1.5×: rollups, not scans).
 * Each size gets its own fresh database over the SAME territory and time span, so the larger one is
 * denser per day: Xiaoshan's district territory with `households` households (seed.ts), a leader
 * per street (they also record the generated visits) and a district-wide one; then `visits`
 * generated visits over the seeder's default span before now (seed/visits.ts, two years) and
 * `cases` generated cases (seed/cases.ts, three years, submit events only); both seeders end with
 * the figures' rebuild, whose time is reported. Then VACUUM (ANALYZE) as autovacuum would
 * (MINQING_BENCH_VACUUM=0: not).
 *
 * The district leader (the district) and the leader of the street with most communities (their
 * street) sign in over HTTP and ask, one request at a time, GET /api/v1/figures?regionId=…&period=
 * month and period=quarter: every headline figure of the place for the period and the one before
 * (case counters and visit counters from the rollups, household and enterprise coverage). Latency
 * is the client's, loopback included. One more request per scenario runs with the query log on; its
 * statements are run again under EXPLAIN (ANALYZE, BUFFERS), grouped by what they read (case
 * rollup, visit rollup, coverage), logged and written to bench/results/dashboard-plans.json
 * (MINQING_BENCH_PLANS).
 *
 * Sizes: 500,000 visits / 150,000 cases and 5,000,000 / 1,500,000 (--quick 50,000 / 15,000 and
 * 500,000 / 150,000); MINQING_BENCH_DASHBOARD_VISITS and MINQING_BENCH_DASHBOARD_CASES override
 * them as comma-separated lists of equal length (smallest first). Households: 200,000 (--quick
 * 50,000), MINQING_BENCH_HOUSEHOLDS. Requests per scenario: 200 after 20 warm-up (--quick 50),
 * MINQING_BENCH_REQUESTS. `dashboard.growth_10x` is the largest size's p95 over the smallest's.
 */
export const dashboardBench: Benchmark = {
  name: 'dashboard',
  description: "a leader's headline figures (GET /api/v1/figures) at two data sizes over one territory",
  async run(ctx: BenchContext): Promise<Metric[]> {
    if (!ctx.engines.includes('postgres') || !ctx.postgresAdminUrl) {
      ctx.log('  skipped: the dashboard target is measured on PostgreSQL');
      return [];
    }
    const list = (value: string | undefined, fallback: number[]) =>
      value ? value.split(',').map((v) => Number(v.trim())) : fallback;
    const visitSizes = list(
      process.env.MINQING_BENCH_DASHBOARD_VISITS,
      ctx.quick ? [50_000, 500_000] : [500_000, 5_000_000],
    );
    const caseSizes = list(
      process.env.MINQING_BENCH_DASHBOARD_CASES,
      ctx.quick ? [15_000, 150_000] : [150_000, 1_500_000],
    );
    if (visitSizes.length !== caseSizes.length || [...visitSizes, ...caseSizes].some((n) => !(n >= 0)))
      throw new Error('MINQING_BENCH_DASHBOARD_VISITS and _CASES must be lists of equal length');
    const sizes: Size[] = visitSizes.map((visits, i) => ({ visits, cases: caseSizes[i] as number }));
    const households = Number(process.env.MINQING_BENCH_HOUSEHOLDS ?? (ctx.quick ? 50_000 : 200_000));
    const requests = Number(process.env.MINQING_BENCH_REQUESTS ?? (ctx.quick ? 50 : 200));
    const plansFile =
      process.env.MINQING_BENCH_PLANS ??
      path.resolve(import.meta.dirname, '..', 'results', 'dashboard-plans.json');
    const out: Metric[] = [];
    const plans: ScenarioPlan[] = [];
    /** p95 per size, by "account/period". */
    const p95s: Map<string, number>[] = [];
    try {
      for (const size of sizes) {
        ctx.log(
          `  size: ${size.visits.toLocaleString('en')} visits, ${size.cases.toLocaleString('en')} cases, ` +
            `${households.toLocaleString('en')} households`,
        );
        const measured = await measureSize(ctx, size, households, requests);
        out.push(...measured.metrics);
        plans.push(...measured.plans);
        p95s.push(measured.p95);
      }
      const [first, last] = [p95s[0], p95s.at(-1)];
      if (first && last && sizes.length > 1) {
        const [small, large] = [sizes[0] as Size, sizes.at(-1) as Size];
        for (const [key, p95] of last) {
          const [account, period] = key.split('/') as [string, string];
          const growth = p95 / (first.get(key) as number);
          ctx.log(
            `  growth ${account}, ${period}: p95 ×${growth.toFixed(2)} for ×${large.visits / small.visits} data`,
          );
          out.push(
            metric('dashboard.growth_10x', 'postgres', 'ratio', [Math.round(growth * 1000) / 1000], {
              from: `${small.visits}/${small.cases}`,
              to: `${large.visits}/${large.cases}`,
              account,
              period,
            }),
          );
        }
      }
    } finally {
      fs.mkdirSync(path.dirname(plansFile), { recursive: true });
      fs.writeFileSync(plansFile, `${JSON.stringify({ households, sizes, plans }, null, 2)}\n`);
    }
    return out;
  },
};

async function measureSize(ctx: BenchContext, size: Size, households: number, requests: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-bench-dashboard-'));
  const log: QueryLog = { enabled: false, entries: [] };
  const metrics: Metric[] = [];
  const plans: ScenarioPlan[] = [];
  const p95 = new Map<string, number>();
  const params = { visits: size.visits, cases: size.cases };
  const phase = (step: string, started: number) => {
    const s = (performance.now() - started) / 1000;
    ctx.log(`  ${step}: ${s.toFixed(1)} s`);
    metrics.push(metric('dashboard.seed_s', 'postgres', 's', [Math.round(s * 10) / 10], { ...params, step }));
  };
  /** The seeders' "… figures rebuilt in N s" progress line, as a seed step of its own. */
  const progress = (m: string) => {
    ctx.log(`    ${m}`);
    const rebuilt = /^(case|visit) figures rebuilt in ([\d.]+) s/.exec(m);
    if (rebuilt)
      metrics.push(
        metric('dashboard.seed_s', 'postgres', 's', [Number(rebuilt[2])], {
          ...params,
          step: `${rebuilt[1]} figures rebuild`,
        }),
      );
  };
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
            households,
            cipher: server.app.ctx.cipher,
          });
          phase('territory and households', started);
          const district = territory.districts[0] as string;
          const regions = await db
            .selectFrom('region')
            .select(['id', 'path', 'level'])
            .where('district_code', '=', district)
            .where('level', 'in', ['district', 'street', 'community'])
            .orderBy('path')
            .execute();
          const districtNode = regions.find((r) => r.level === 'district') as (typeof regions)[number];
          const streets = regions.filter((r) => r.level === 'street');
          const communities = (s: { path: string }) =>
            regions.filter((r) => r.level === 'community' && r.path.startsWith(`${s.path}.`)).length;
          const street = streets.reduce((a, b) => (communities(b) > communities(a) ? b : a));
          const leaders: [string, string][] = [
            ['district_leader', districtNode.id],
            ...streets.map((s, i) => [`leader_${i}`, s.id] as [string, string]),
          ];
          await createBenchUsers(db, district, 'leader', leaders);

          const now = new Date();
          started = performance.now();
          await seedVisits(database, district, {
            count: size.visits,
            until: now,
            rebuildIndexes: true,
            onProgress: progress,
          });
          phase('visits', started);
          started = performance.now();
          await seedCases(database, district, {
            count: size.cases,
            until: now,
            cipher: server.app.ctx.cipher,
            events: 'submit',
            onProgress: progress,
          });
          phase('cases', started);
          if (process.env.MINQING_BENCH_VACUUM !== '0') {
            started = performance.now();
            await sql`vacuum (analyze) visit, visit_visitor, household, enterprise, case_record, case_figure,
              case_figure_rollup, visit_figure_rollup`.execute(db);
            phase('vacuum', started);
          }

          const accounts = [
            { name: 'district leader', cookie: await server.signIn('district_leader'), region: districtNode },
            {
              name: 'street leader',
              cookie: await server.signIn(`leader_${streets.indexOf(street)}`),
              region: street,
            },
          ] satisfies { name: (typeof ACCOUNTS)[number]; cookie: string; region: unknown }[];
          for (const account of accounts) {
            for (const period of PERIODS) {
              const url = `/api/v1/figures?regionId=${account.region.id}&period=${period}`;
              const get = async () => {
                const res = await server.request('GET', url, { cookie: account.cookie });
                if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.body}`);
                return res;
              };
              started = performance.now();
              for (let i = 0; i < WARM_UP; i++) await get();
              const latencies: number[] = [];
              let report: FiguresReport | undefined;
              for (let i = 0; i < requests; i++) {
                const res = await get();
                latencies.push(Math.round(res.ms * 100) / 100);
                report ??= JSON.parse(res.body) as FiguresReport;
              }
              const scenarioP95 = quantile(latencies, 0.95);
              const scenario = `${account.name}, ${period}`;
              p95.set(`${account.name}/${period}`, scenarioP95);
              ctx.log(
                `  ${scenario}: p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${scenarioP95.toFixed(1)} ms, ` +
                  `p99 ${quantile(latencies, 0.99).toFixed(1)} ms (${((performance.now() - started) / 1000).toFixed(1)} s); ` +
                  `previous ${period}: ${report?.previous.visits.visits.toLocaleString('en')} visits, ` +
                  `${report?.previous.cases.received.toLocaleString('en')} cases`,
              );
              metrics.push(
                metric('dashboard.p95_ms', 'postgres', 'ms', latencies, {
                  ...params,
                  account: account.name,
                  period,
                }),
              );
              if (report) await agrees(db, district, account.region.path, report);

              // One more request with the query log on, then its statements under EXPLAIN ANALYZE.
              log.entries = [];
              log.enabled = true;
              await get();
              log.enabled = false;
              const statements: ScenarioPlan['statements'] = [];
              for (const e of log.entries.filter((q) => /^\s*(select|with)\b/i.test(q.sql))) {
                const result = await explain.query(
                  `explain (analyze, buffers, format text) ${e.sql}`,
                  e.parameters as unknown[],
                );
                const plan = result.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
                const execution = /Execution Time: ([\d.]+) ms/.exec(plan);
                statements.push({
                  part: partOf(e.sql),
                  ms: Math.round(e.ms * 100) / 100,
                  executionMs: execution ? Number(execution[1]) : null,
                  sql: e.sql,
                  plan,
                });
              }
              const byPart: Record<string, number> = {};
              for (const s of statements)
                byPart[s.part] = Math.round(((byPart[s.part] ?? 0) + s.ms) * 100) / 100;
              ctx.log(
                `    one request's statements by part (ms in the app, summed; they overlap): ${JSON.stringify(byPart)}`,
              );
              for (const s of [...statements].sort((a, b) => b.ms - a.ms).slice(0, 3)) {
                ctx.log(
                  `    ${s.ms} ms (${s.executionMs ?? '?'} ms executing) ${s.part}: ${s.sql.replace(/\s+/g, ' ').slice(0, 110)}`,
                );
              }
              if (scenarioP95 > TARGET_P95_MS) {
                const slowest = [...statements].sort((a, b) => b.ms - a.ms)[0];
                if (slowest) ctx.log(`    plan of the slowest:\n${indent(slowest.plan)}`);
              }
              plans.push({ ...params, account: account.name, period, p95: scenarioP95, byPart, statements });
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
  }
  return { metrics, plans, p95 };
}

/**
 * The answer agrees with the rows: the previous period's visits started and cases created in the
 * place (Beijing days), counted from the diary and the ledger rather than the rollups.
 */
async function agrees(db: Kysely<DB>, district: string, place: string, report: FiguresReport) {
  const { from, to } = report.previous.period;
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(`${addDays(to, 1)}T00:00:00+08:00`);
  const below = (column: string) =>
    sql<boolean>`(${sql.ref(column)} = ${place} or ${sql.ref(column)} like ${`${place}.%`})`;
  const visits = await db
    .selectFrom('visit')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('district_code', '=', district)
    .where(below('region_path'))
    .where('started_at', '>=', start)
    .where('started_at', '<', end)
    .executeTakeFirstOrThrow();
  const cases = await db
    .selectFrom('case_record as c')
    .innerJoin('region as r', (j) =>
      j.onRef('r.district_code', '=', 'c.district_code').onRef('r.id', '=', 'c.region_id'),
    )
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('c.district_code', '=', district)
    .where(below('r.path'))
    .where('c.created_at', '>=', start)
    .where('c.created_at', '<', end)
    .executeTakeFirstOrThrow();
  const got = [report.previous.visits.visits, report.previous.cases.received];
  const expected = [Number(visits.n), Number(cases.n)];
  if (got[0] !== expected[0] || got[1] !== expected[1])
    throw new Error(`figures of ${place} ${from}…${to}: visits, cases ${got}; the rows say ${expected}`);
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');

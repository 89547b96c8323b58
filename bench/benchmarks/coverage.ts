import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createRng } from '../../src/server/seed/random.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { currentQuarterStart, seedVisits } from '../../src/server/seed/visits.ts';
import { addDays, cstDay } from '../../src/shared/time/china-time.ts';
import { type BenchContext, type Benchmark, type Metric, metric, quantile } from '../harness.ts';
import { createBenchUsers, listen, type QueryLog, withDatabase } from './http-app.ts';

const TARGET_P95_MS = 100;
const WARM_UP = 20;

/**
 * Coverage at district scale (docs/specs/performance.md: households not yet visited this quarter in a
 * community, p95 ≤ 100 ms at 1M households and 10M visits, PostgreSQL). Xiaoshan's territory
 * (2,048 grids) gets `households` generated households with their members (seed.ts, the district
 * scale with its household count overridden), a leader account per street, then `visits`
 * generated visits over the two years before now (seed/visits.ts: each quarter ~85% of households
 * get their routine visit, the rest of the visits Zipf-like with key households visited most;
 * last_visit_at kept), the diary's secondary indexes dropped during the load and built again, then
 * VACUUM (ANALYZE) of visit, visit_visitor and household as autovacuum would
 * (MINQING_BENCH_VACUUM=0: not).
 *
 * Signed in over HTTP, one request at a time, GET
 * /api/v1/coverage/unvisited?regionId=…&target=household&period=quarter (the first page and the
 * total) for: random communities of the district as a district-wide leader (the target), random
 * communities of the street with the most communities as its leader, random communities for the
 * previous quarter (`at`: households visited since need the diary), and random whole streets.
 * Latency is the client's, loopback included. Each scenario's statements are run once more under
 * EXPLAIN (ANALYZE, BUFFERS); the plans go to MINQING_BENCH_PLANS (default
 * bench/results/coverage-plans.json) and those over the target to the log.
 *
 * Size: 1,000,000 households and 10,000,000 visits; --quick 100,000 and 1,000,000;
 * MINQING_BENCH_HOUSEHOLDS and MINQING_BENCH_VISITS override either. Requests per scenario: 200
 * after 20 warm-up (--quick 50); MINQING_BENCH_REQUESTS overrides.
 */
export const coverageBench: Benchmark = {
  name: 'coverage',
  description: 'households not yet visited this quarter in a community (first page + total)',
  async run(ctx: BenchContext): Promise<Metric[]> {
    if (!ctx.engines.includes('postgres') || !ctx.postgresAdminUrl) {
      ctx.log('  skipped: the coverage target is measured on PostgreSQL');
      return [];
    }
    const householdCount = Number(process.env.MINQING_BENCH_HOUSEHOLDS ?? (ctx.quick ? 100_000 : 1_000_000));
    const visitCount = Number(process.env.MINQING_BENCH_VISITS ?? (ctx.quick ? 1_000_000 : 10_000_000));
    const requests = Number(process.env.MINQING_BENCH_REQUESTS ?? (ctx.quick ? 50 : 200));
    const plansFile =
      process.env.MINQING_BENCH_PLANS ??
      path.resolve(import.meta.dirname, '..', 'results', 'coverage-plans.json');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-bench-coverage-'));
    const log: QueryLog = { enabled: false, entries: [] };
    const out: Metric[] = [];
    const size = { households: householdCount, visits: visitCount };
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
              households: householdCount,
              cipher: server.app.ctx.cipher,
              onProgress: (m) => {
                if (/seeded|regions/.test(m)) ctx.log(`  ${m}`);
              },
            });
            const seedSeconds = (performance.now() - started) / 1000;
            ctx.log(
              `  territory and ${territory.counts.household.toLocaleString('en')} households ` +
                `(${territory.counts.person.toLocaleString('en')} persons) in ${seedSeconds.toFixed(1)} s`,
            );
            out.push(
              metric('coverage.seed_s', 'postgres', 's', [seedSeconds], { ...size, step: 'households' }),
            );
            const district = territory.districts[0] as string;
            const streets = await db
              .selectFrom('region')
              .select(['id', 'path', 'name'])
              .where('district_code', '=', district)
              .where('level', '=', 'street')
              .orderBy('path')
              .execute();
            // A leader per street (they also record the generated visits of their street) and one
            // for the whole district (区领导); sign-ins are throttled, so only two of them sign in.
            const districtNode = await db
              .selectFrom('region')
              .select('id')
              .where('district_code', '=', district)
              .where('level', '=', 'district')
              .executeTakeFirstOrThrow();
            const leaders: [string, string][] = [
              ['district_leader', districtNode.id],
              ...streets.map((s, i) => [`leader_${i}`, s.id] as [string, string]),
            ];
            await createBenchUsers(db, district, 'leader', leaders);

            started = performance.now();
            const now = new Date();
            const seeded = await seedVisits(database, district, {
              count: visitCount,
              until: now,
              rebuildIndexes: true,
              onProgress: (m) => ctx.log(`  ${m}`),
            });
            ctx.log(
              `  seeded ${seeded.visits.toLocaleString('en')} visits, ${seeded.visitors.toLocaleString('en')} visitors in ` +
                `${(seeded.ms.total / 1000).toFixed(1)} s (${JSON.stringify(seeded.ms)}); ` +
                `${((100 * seeded.unvisitedThisQuarter) / seeded.households).toFixed(1)}% of households not visited this quarter`,
            );
            out.push(
              metric('coverage.seed_s', 'postgres', 's', [seeded.ms.total / 1000], {
                ...size,
                step: 'visits',
              }),
              metric(
                'coverage.seed_visits_per_s',
                'postgres',
                'visits/s',
                [seeded.visits / (seeded.ms.insert / 1000)],
                {
                  ...size,
                  indexes: 'rebuilt after',
                },
              ),
            );
            if (process.env.MINQING_BENCH_VACUUM !== '0') {
              started = performance.now();
              await sql`vacuum (analyze) visit, visit_visitor, household`.execute(db);
              ctx.log(`  vacuumed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
            }

            const communities = await db
              .selectFrom('region')
              .select(['id', 'path'])
              .where('district_code', '=', district)
              .where('level', '=', 'community')
              .orderBy('path')
              .execute();
            const perCommunity = (
              await db
                .selectFrom('household')
                .select((eb) => ['region_path', eb.fn.countAll<string>().as('n')])
                .where('district_code', '=', district)
                .groupBy('region_path')
                .execute()
            ).reduce((m, r) => {
              const community = r.region_path.split('.').slice(0, 3).join('.');
              return m.set(community, (m.get(community) ?? 0) + Number(r.n));
            }, new Map<string, number>());
            const sizes = [...perCommunity.values()].sort((a, b) => a - b);
            ctx.log(
              `  ${communities.length} communities: households per community min ${sizes[0]}, median ` +
                `${quantile(sizes, 0.5)}, max ${sizes.at(-1)}`,
            );

            // The street with the most communities, and its leader.
            const byStreet = Map.groupBy(communities, (c) => c.path.split('.').slice(0, 2).join('.'));
            const streetIndex = streets.reduce(
              (best, s, i) =>
                (byStreet.get(s.path)?.length ?? 0) >
                (byStreet.get((streets[best] as { path: string }).path)?.length ?? 0)
                  ? i
                  : best,
              0,
            );
            const street = streets[streetIndex] as (typeof streets)[number];
            const districtCookie = await server.signIn('district_leader');
            const streetCookie = await server.signIn(`leader_${streetIndex}`);
            const previousQuarterDay = addDays(cstDay(currentQuarterStart(now)), -1);
            const scenarios = [
              {
                name: 'community, this quarter, district leader',
                regions: communities,
                cookie: districtCookie,
                query: '',
              },
              {
                name: `community, this quarter, street leader (${byStreet.get(street.path)?.length} communities)`,
                regions: byStreet.get(street.path) ?? [],
                cookie: streetCookie,
                query: '',
              },
              {
                name: 'community, previous quarter, district leader',
                regions: communities,
                cookie: districtCookie,
                query: `&at=${previousQuarterDay}`,
              },
              {
                name: 'street, this quarter, district leader',
                regions: streets,
                cookie: districtCookie,
                query: '',
              },
            ];
            const quarterStart = currentQuarterStart(now);
            for (const scenario of scenarios) {
              const rng = createRng(20_261_122, `coverage/${scenario.name}`);
              const get = async () => {
                const region = rng.pick(scenario.regions);
                const cookie = scenario.cookie;
                const url = `/api/v1/coverage/unvisited?regionId=${region.id}&target=household&period=quarter${scenario.query}`;
                const res = await server.request('GET', url, { cookie });
                if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.body}`);
                return { res, region };
              };
              for (let i = 0; i < WARM_UP; i++) await get();
              const latencies: number[] = [];
              const totals: number[] = [];
              for (let i = 0; i < requests; i++) {
                const { res, region } = await get();
                latencies.push(Math.round(res.ms * 100) / 100);
                const body = JSON.parse(res.body) as { total: number; items: unknown[] };
                totals.push(body.total);
                // The answer agrees with the household rows (this quarter: no visit since its start).
                if (i < 3 && scenario.query === '') {
                  const expected = await db
                    .selectFrom('household')
                    .select((eb) => eb.fn.countAll<string>().as('n'))
                    .where('district_code', '=', district)
                    .where('region_path', 'like', `${region.path}.%`)
                    .where('removed_at', 'is', null)
                    .where((eb) =>
                      eb.or([eb('last_visit_at', 'is', null), eb('last_visit_at', '<', quarterStart)]),
                    )
                    .executeTakeFirstOrThrow();
                  if (Number(expected.n) !== body.total)
                    throw new Error(`${scenario.name}: total ${body.total}, the rows say ${expected.n}`);
                }
              }
              const p95 = quantile(latencies, 0.95);
              ctx.log(
                `  ${scenario.name}: p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
                  `p99 ${quantile(latencies, 0.99).toFixed(1)} ms; totals median ${quantile(totals, 0.5)}, max ${Math.max(...totals)}`,
              );
              out.push(
                metric('coverage.p95_ms', 'postgres', 'ms', latencies, {
                  ...size,
                  region: scenario.name.split(',')[0] as string,
                  period: scenario.query ? 'previous quarter' : 'this quarter',
                  account: scenario.cookie === districtCookie ? 'district leader' : 'street leader',
                }),
              );

              // One more request with the query log on, then its statements under EXPLAIN ANALYZE.
              log.entries = [];
              log.enabled = true;
              await get();
              log.enabled = false;
              const statements = [];
              for (const e of log.entries.filter((q) => q.sql.includes('"household"'))) {
                const result = await explain.query(
                  `explain (analyze, buffers, format text) ${e.sql}`,
                  e.parameters as unknown[],
                );
                const plan = result.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
                statements.push({ ms: Math.round(e.ms * 100) / 100, sql: e.sql, plan });
              }
              plans.push({ scenario: scenario.name, p95, statements });
              if (p95 > TARGET_P95_MS) {
                for (const s of statements) ctx.log(`  plan (${s.ms} ms in the app):\n${indent(s.plan)}`);
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
      fs.mkdirSync(path.dirname(plansFile), { recursive: true });
      fs.writeFileSync(plansFile, `${JSON.stringify({ ...size, plans }, null, 2)}\n`);
    }
    return out;
  },
};

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/server/db/engine.ts';
import { analyzeChangedTables } from '../../src/server/db/statistics.ts';
import { type BenchContext, type Benchmark, type Metric, metric, quantile } from '../harness.ts';
import { PAYLOAD } from './baseline.ts';
import { type CaseRows, caseRows } from './case-rows.ts';
import { intakeTargets, staffCaseBody } from './intake-targets.ts';
import type { LoadResult, RequestTemplate } from './load-generator.ts';
import { measureCpu, postmasterOf } from './process-cpu.ts';
import { demoStreet, peakMemoryMb, withProductionServer } from './server-process.ts';

const LEVELS = [1, 8, 32];
/** Rows of the raw baselines' hot-update table: updates spread so they never wait on each other. */
const HOT_ROWS = 4096;

/**
 * Case intake over HTTP as in production (issue 16 §8), on PostgreSQL (fsync on): `minqing start`
 * in its own process (logs on, job queue and outbox delivery on; server-process.ts) over the demo
 * street, driven by the load generator in another process (load-generator.ts): `concurrency`
 * clients (1, 8, 32) each POST /api/v1/cases with its own Idempotency-Key as soon as the previous
 * answer came, signed in as the street dispatcher.
 *
 * Two baselines, measured in the same run from this process on the same database, alternating with
 * the HTTP runs so that all three see the same machine load (ratios are taken per round):
 * - `insert`: the durable single-row insert (autocommit), the physical floor of a commit;
 * - `raw_tx`: a raw transaction writing the rows a case writes, with no application code: one
 *   prepared INSERT per row the case inserts, into the same tables (copies of the sample case's own
 *   rows with new keys, case-rows.ts; a table it cannot copy gets a plain row), and one prepared
 *   UPDATE per row it updates, as many of each as the HTTP runs' own table statistics counted per
 *   case (pg_stat_user_tables), the updates on rows no other writer touches.
 *   `intake.http_vs_raw_ratio` (case rate over this rate) is the product's overhead;
 *   `intake.http_vs_insert_ratio` adds the work's inherent cost (the case's indexes, its title's
 *   search grams, its foreign keys).
 * `intake.commits_per_case` counts write transactions (transaction ids assigned, read from the
 * snapshot's xmax so reading does not take one) per case over each HTTP run, less the idle rate of
 * the server's background work measured just before (outbox delivery's writes caused by the cases
 * stay in); `intake.c8_vs_c1` and `intake.c32_vs_c1` are the case rate's scaling with clients;
 * `intake.floor_per_s` and `intake.floor_c8_vs_c1` the same for the cheapest signed-in request
 * (GET /api/v1/auth/me), measured in the same rounds: the per-request work every intake does too;
 * `intake.server_cpu_ms_per_case`, `intake.db_cpu_ms_per_case` and `intake.load_cpu_ms_per_case`
 * the CPU a case cost the server's process, PostgreSQL (postmaster and backends) and the load
 * generator over each HTTP run, and `intake.machine_busy` the share of both cores busy
 * (process-cpu.ts): where the scaling with clients stops;
 * `intake.shed_ratio` the share of requests refused by load shedding (a refused client waits
 * 250 ms, load-generator.ts), whose answered rate is what the other figures count.
 */
export const intakeBench: Benchmark = {
  name: 'intake',
  description:
    'POST /api/v1/cases at 1, 8, 32 clients against two raw baselines (PostgreSQL, production server)',
  async run(ctx: BenchContext): Promise<Metric[]> {
    if (!ctx.engines.includes('postgres') || !ctx.postgresAdminUrl) {
      ctx.log('  skipped: intake as in production is measured on PostgreSQL');
      return [];
    }
    const rounds = ctx.quick ? 2 : 3;
    const ms = ctx.quick ? 2_000 : 5_000;
    const out: Metric[] = [];
    await withProductionServer(
      ctx,
      'intake',
      demoStreet(200),
      async ({ database, databaseUrl, server, load, signIn, settle }) => {
        const { grids, categories } = await intakeTargets(database.db);
        const cookie = await signIn('dispatcher');
        const template: RequestTemplate = {
          method: 'POST',
          path: '/api/v1/cases',
          headers: { 'content-type': 'application/json', cookie, 'idempotency-key': 'bench-{{uuid}}' },
          body: JSON.stringify(staffCaseBody('3幢2单元门口')),
          vars: { grid: grids.map((g) => g.id), category: categories.map((c) => c.id) },
        };
        const http = (concurrency: number, durationMs: number) =>
          load.run({ mode: 'closed', url: server.url, template, concurrency, durationMs, timeoutMs: 30_000 });
        // The cheapest signed-in request (the session, its grants and the auth version read): what
        // every intake pays before its own work, and the ceiling of its scaling with clients.
        const floor = (concurrency: number, durationMs: number) =>
          load.run({
            mode: 'closed',
            url: server.url,
            template: { method: 'GET', path: '/api/v1/auth/me', headers: { cookie } },
            concurrency,
            durationMs,
            timeoutMs: 30_000,
          });
        const raw = await rawBaselines(databaseUrl);
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
        const cpuOf = { server: server.pid, postmaster: postmasterOf(Number(rows[0]?.pid)), load: load.pid };
        try {
          // Warm-up: connections, prepared statements, caches; then the write profile of one case.
          await http(8, 2_000);
          // The tables start nearly empty, a district's are not: analyse the warm-up's writes as
          // autovacuum would, or the server's prepared statements keep their empty-table plans.
          await analyzeChangedTables(database.db);
          await settle();
          const before = await tableWrites(database);
          const sample = await http(1, 2_000);
          await sleep(1_200); // the statistics reach the views within a second
          const profile = perCase(before, await tableWrites(database), sample.answered);
          const plan = await raw.copies(profile);
          ctx.log(
            `  a case writes ${profile.inserts} inserted and ${profile.updates} updated rows ` +
              `(${profile.detail}); the raw transaction writes the same, copies of the case's own rows ` +
              `in ${plan.map((p) => p.table).join(', ')}`,
          );
          await raw.insert(8, 1_000);
          await raw.tx(8, 1_000, profile);
          const scaling: Record<number, number[]> = {};
          const floorScaling: Record<number, number[]> = {};
          for (const concurrency of LEVELS) {
            const rates = {
              http: [] as number[],
              insert: [] as number[],
              tx: [] as number[],
              floor: [] as number[],
            };
            const cpu = {
              server: [] as number[],
              database: [] as number[],
              load: [] as number[],
              busy: [] as number[],
            };
            const commits: number[] = [];
            const latencies: number[] = [];
            const shed: number[] = [];
            for (let round = 0; round < rounds; round++) {
              const order = ['http', 'insert', 'tx', 'floor'] as const;
              for (const which of round % 2 === 0 ? order : [...order].reverse()) {
                if (which === 'floor') {
                  const result = await floor(concurrency, ms);
                  check(result);
                  rates.floor.push(result.answered / result.seconds);
                }
                if (which === 'insert') rates.insert.push(await raw.insert(concurrency, ms));
                if (which === 'tx') rates.tx.push(await raw.tx(concurrency, ms, profile));
                if (which !== 'http') continue;
                await settle();
                const idle = await writeTransactions(database, ms);
                const first = await nextXid(database);
                const measuring = measureCpu(cpuOf);
                const result = await http(concurrency, ms);
                const used = measuring.stop();
                cpu.server.push(used.serverMs / result.answered);
                cpu.database.push(used.databaseMs / result.answered);
                cpu.load.push(used.loadMs / result.answered);
                cpu.busy.push(used.machineBusy);
                await sleep(200);
                const written = (await nextXid(database)) - first;
                check(result);
                rates.http.push(result.answered / result.seconds);
                shed.push(result.shed / Math.max(1, result.sent));
                latencies.push(...result.okMs.map((l) => Math.round(l * 100) / 100));
                commits.push((written - idle * (result.seconds / (ms / 1000))) / result.answered);
              }
              const i = rates.http.length - 1;
              ctx.log(
                `  c=${concurrency} round ${round + 1}: HTTP ${rates.http[i]?.toFixed(0)} cases/s ` +
                  `(p50 ${quantile(latencies, 0.5).toFixed(1)} ms), raw transaction ${rates.tx[i]?.toFixed(0)}/s, ` +
                  `insert ${rates.insert[i]?.toFixed(0)}/s; ratio ${((rates.http[i] ?? 0) / (rates.tx[i] ?? 1)).toFixed(3)}, ` +
                  `${commits[i]?.toFixed(3)} commits per case, ${((shed[i] ?? 0) * 100).toFixed(1)} % shed; ` +
                  `GET /auth/me ${rates.floor[i]?.toFixed(0)}/s; CPU a case: server ${cpu.server[i]?.toFixed(2)} ms, ` +
                  `database ${cpu.database[i]?.toFixed(2)} ms, load ${cpu.load[i]?.toFixed(2)} ms, ` +
                  `machine ${((cpu.busy[i] ?? 0) * 100).toFixed(0)} % busy`,
              );
            }
            scaling[concurrency] = rates.http;
            floorScaling[concurrency] = rates.floor;
            const params = { concurrency, sync: 'fsync' };
            const ratio = (a: number[], b: number[]) => a.map((v, i) => v / (b[i] as number));
            out.push(
              metric('intake.cases_per_s', 'postgres', 'cases/s', rates.http, params),
              metric('intake.raw_tx_per_s', 'postgres', 'transactions/s', rates.tx, params),
              metric('intake.raw_insert_per_s', 'postgres', 'rows/s', rates.insert, params),
              metric('intake.http_vs_raw_ratio', 'postgres', 'ratio', ratio(rates.http, rates.tx), params),
              metric(
                'intake.http_vs_insert_ratio',
                'postgres',
                'ratio',
                ratio(rates.http, rates.insert),
                params,
              ),
              metric('intake.commits_per_case', 'postgres', 'commits', commits, params),
              metric('intake.floor_per_s', 'postgres', 'requests/s', rates.floor, params),
              metric('intake.server_cpu_ms_per_case', 'postgres', 'ms', cpu.server, params),
              metric('intake.db_cpu_ms_per_case', 'postgres', 'ms', cpu.database, params),
              metric('intake.load_cpu_ms_per_case', 'postgres', 'ms', cpu.load, params),
              metric('intake.machine_busy', 'postgres', 'ratio', cpu.busy, params),
              metric('intake.latency_ms', 'postgres', 'ms', latencies, params),
              metric('intake.shed_ratio', 'postgres', 'ratio', shed, params),
            );
          }
          const scaled = (rates: Record<number, number[]>, level: number) =>
            (rates[level] as number[]).map((v, i) => v / ((rates[1] as number[])[i] as number));
          for (const level of LEVELS.filter((l) => l > 1)) {
            out.push(
              metric(`intake.c${level}_vs_c1`, 'postgres', 'ratio', scaled(scaling, level), {
                sync: 'fsync',
              }),
              metric(`intake.floor_c${level}_vs_c1`, 'postgres', 'ratio', scaled(floorScaling, level), {
                sync: 'fsync',
              }),
            );
          }
          // The production server's peak resident memory over the whole run, c=32 included.
          const peak = peakMemoryMb(server.pid);
          ctx.log(`  server peak memory ${peak.toFixed(0)} MB`);
          out.push(metric('memory.server_peak_mb', 'postgres', 'MB', [peak], { bench: 'intake' }));
        } finally {
          await raw.close();
        }
      },
    );
    return out;
  },
};

/** Errors fail the benchmark; shed answers (load shedding, http/shedding.ts) are counted apart. */
function check(result: LoadResult): void {
  if (result.errors + result.timeouts > 0) {
    throw new Error(
      `intake: ${result.errors} errors, ${result.timeouts} timeouts, ${result.shed} shed ` +
        `(${JSON.stringify(result.statuses)}): ${result.firstError}`,
    );
  }
}

type Writes = Map<string, { ins: number; upd: number }>;

async function tableWrites(database: Database): Promise<Writes> {
  const rows = await sql<{ relname: string; ins: number; upd: number }>`
    select relname, n_tup_ins::int as ins, n_tup_upd::int as upd
    from pg_stat_user_tables`.execute(database.db);
  return new Map(rows.rows.map((r) => [r.relname, { ins: r.ins, upd: r.upd }]));
}

interface Profile {
  inserts: number;
  updates: number;
  /** Rows inserted per case, by table. */
  inserted: Map<string, number>;
  detail: string;
}

function perCase(before: Writes, after: Writes, cases: number): Profile {
  let inserts = 0;
  let updates = 0;
  const inserted = new Map<string, number>();
  const detail: string[] = [];
  for (const [table, now] of after) {
    const was = before.get(table) ?? { ins: 0, upd: 0 };
    const ins = Math.round((now.ins - was.ins) / cases);
    const upd = Math.round((now.upd - was.upd) / cases);
    if (ins + upd === 0) continue;
    inserts += ins;
    updates += upd;
    if (ins) inserted.set(table, ins);
    detail.push(`${table} +${ins}${upd ? ` ~${upd}` : ''}`);
  }
  return { inserts, updates, inserted, detail: detail.join(', ') };
}

/** The next transaction id to be assigned; reading it assigns none. */
async function nextXid(database: Database): Promise<number> {
  const r = await sql<{ x: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as x`.execute(
    database.db,
  );
  return Number(r.rows[0]?.x);
}

/** Write transactions of the idle server (its background work) over `ms`. */
async function writeTransactions(database: Database, ms: number): Promise<number> {
  const first = await nextXid(database);
  await sleep(ms);
  return (await nextXid(database)) - first;
}

/** The two raw baselines, over their own pool of the same database, with prepared statements. */
async function rawBaselines(databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: Math.max(...LEVELS) });
  await pool.query(`create table if not exists bench_raw (
    district_code varchar(6) not null, id uuid not null, payload text not null,
    created_at timestamptz not null default now(), primary key (district_code, id))`);
  await pool.query('create table if not exists bench_hot (id int primary key, n bigint not null)');
  await pool.query(
    `insert into bench_hot select g, 0 from generate_series(0, ${HOT_ROWS - 1}) g on conflict do nothing`,
  );
  const insert = {
    name: 'bench_insert',
    text: 'insert into bench_raw (district_code, id, payload) values ($1, $2, $3)',
  };
  const update = { name: 'bench_update', text: 'update bench_hot set n = n + 1 where id = $1' };
  let hot = 0;
  let copied: CaseRows | undefined;
  const loop = async (concurrency: number, durationMs: number, work: (c: pg.PoolClient) => Promise<void>) => {
    const deadline = performance.now() + durationMs;
    const started = performance.now();
    let done = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const client = await pool.connect();
        try {
          while (performance.now() < deadline) {
            await work(client);
            done++;
          }
        } finally {
          client.release();
        }
      }),
    );
    return done / ((performance.now() - started) / 1000);
  };
  return {
    insert: (concurrency: number, durationMs: number) =>
      loop(concurrency, durationMs, async (c) => {
        await c.query({ ...insert, values: ['330109', crypto.randomUUID(), PAYLOAD] });
      }),
    /** The rows of one case as the product writes them: copied where case-rows.ts can, else plain rows. */
    async copies(profile: Profile) {
      copied = await caseRows(pool, profile.inserted);
      return copied.plan;
    },
    tx: (concurrency: number, durationMs: number, profile: Profile) =>
      loop(concurrency, durationMs, async (c) => {
        const rows = copied as CaseRows;
        await c.query('begin');
        await rows.write(c);
        const plain = profile.inserts - rows.plan.reduce((n, p) => n + p.count, 0);
        for (let i = 0; i < plain; i++)
          await c.query({ ...insert, values: ['330109', crypto.randomUUID(), PAYLOAD] });
        for (let i = 0; i < profile.updates; i++) {
          hot = (hot + 1) % HOT_ROWS;
          await c.query({ ...update, values: [hot] });
        }
        await c.query('commit');
      }),
    close: () => pool.end(),
  };
}

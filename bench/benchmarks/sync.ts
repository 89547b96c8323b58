import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { setFigureMaintenance } from '../../src/server/modules/figures/maintenance.ts';
import { DEMO_HOUSEHOLDS } from '../../src/server/seed/scales.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { seedVisits } from '../../src/server/seed/visits.ts';
import type { SyncBatch, SyncResult } from '../../src/shared/domain/visit.ts';
import { type BenchContext, type Benchmark, type Metric, metric, quantile } from '../harness.ts';
import { listen, type QueryLog, withDatabase } from './http-app.ts';
import { type VisitSource, visitBatch, visitTargets } from './visit-batches.ts';

const BATCH = 50;
const WORKER = 'worker1';

/**
 * The field app's sync on PostgreSQL (docs/specs/performance.md: a batch of 50 visits with cases, idempotent,
 * ≥ 200 visits/s per core). The real app listens on loopback over the demo street (171 grids,
 * DEMO_HOUSEHOLDS households, its accounts) with a year of generated visits (seed/visits.ts). The
 * grid worker `worker1`, signed in once, POSTs /api/v1/visits/sync with batches of 50 visits to
 * households of their community, each with its own clientId: ~1 in 5 visits raises an issue (a
 * case through the case loop), ~40% of those resolved on the spot; 3 in 4 check in. Each visit is
 * written under its own savepoint (idempotency record, visit, visitor, last visit, cases, audit)
 * in one transaction per batch (issue 16 §4) on the server's pool of 10. `concurrency` devices sync at once, each batch after the previous answer.
 *
 * Per core: the Node process (server and this client: one JavaScript thread) and PostgreSQL
 * (postmaster and all its children, from /proc) share the machine's cores; their CPU time during
 * the runs is measured, and visits per CPU-second of both together is the per-core rate. Visits per
 * second of wall time are reported too, with the cores the machine has.
 *
 * The figures' share (issue 12): every run is measured twice, with the figures kept and with them
 * not kept (MINQING_FIGURES_MAINTAIN=off, switched in-process on the same database), in
 * alternating order; `sync.figures_overhead_ratio` is visits/s with the rollups over visits/s
 * without, per run. The rate metrics carry `figures: 'on' | 'off'`; 'on' is the product as deployed.
 *
 * Then one batch is sent again: every answer must be 200 (the first answer, replayed) and no visit,
 * visitor, case or audit row may appear; `sync.replay_new_rows` reports how many did (0).
 *
 * Knobs: MINQING_BENCH_SYNC_RUNS runs per concurrency (5; --quick 3), MINQING_BENCH_SYNC_BATCHES
 * batches per device per run (6; --quick 2), MINQING_BENCH_SYNC_CONCURRENCY levels ("1,4"),
 * MINQING_BENCH_SYNC_SEED_VISITS visits seeded first (200,000; --quick 20,000).
 */
export const syncBench: Benchmark = {
  name: 'sync',
  description: 'POST /api/v1/visits/sync (batches of 50 visits, ~1 in 5 with a case) on PostgreSQL',
  async run(ctx: BenchContext): Promise<Metric[]> {
    if (!ctx.engines.includes('postgres') || !ctx.postgresAdminUrl) {
      ctx.log('  skipped: the sync target is measured on PostgreSQL');
      return [];
    }
    const runs = Number(process.env.MINQING_BENCH_SYNC_RUNS ?? (ctx.quick ? 3 : 5));
    const perDevice = Number(process.env.MINQING_BENCH_SYNC_BATCHES ?? (ctx.quick ? 2 : 6));
    const levels = (process.env.MINQING_BENCH_SYNC_CONCURRENCY ?? '1,4').split(',').map(Number);
    const seedVisitCount = Number(
      process.env.MINQING_BENCH_SYNC_SEED_VISITS ?? (ctx.quick ? 20_000 : 200_000),
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-bench-sync-'));
    const out: Metric[] = [];
    const log: QueryLog = { enabled: false, entries: [] };
    try {
      await withDatabase(
        ctx,
        'postgres',
        dir,
        async (database, raw) => {
          const server = await listen(database);
          const probe = new pg.Client({ connectionString: raw.url });
          await probe.connect();
          try {
            const { db } = database;
            const territory = await seed(database, {
              scale: 'demo',
              households: DEMO_HOUSEHOLDS,
              cipher: server.app.ctx.cipher,
            });
            const district = territory.districts[0] as string;
            const seeded = await seedVisits(database, district, {
              count: seedVisitCount,
              until: new Date(),
              days: 365,
              rebuildIndexes: true,
            });
            await sql`vacuum (analyze) visit, visit_visitor, household`.execute(db);
            ctx.log(
              `  demo street: ${territory.counts.household.toLocaleString('en')} households, ` +
                `${seeded.visits.toLocaleString('en')} visits seeded in ${(seeded.ms.total / 1000).toFixed(1)} s`,
            );

            const { households, categories } = await visitTargets(db, WORKER);
            ctx.log(`  ${WORKER}: ${households.length.toLocaleString('en')} households in their community`);

            // Visit i goes to households[(i * 7919) mod count], so devices syncing at once visit
            // different households.
            const source: VisitSource = {
              clientId: () => `bench-${crypto.randomUUID()}`,
              householdId: (i) => (households[(i * 7919) % households.length] as { id: string }).id,
              categories,
              spread: true,
            };
            let n = 0;
            const batch = (): SyncBatch => {
              const first = n;
              n += BATCH;
              return visitBatch(first, BATCH, source);
            };

            const cookie = await server.signIn(WORKER);
            const post = async (body: SyncBatch) => {
              const res = await server.request('POST', '/api/v1/visits/sync', { cookie, body });
              if (res.status !== 200) throw new Error(`POST /api/v1/visits/sync: ${res.status} ${res.body}`);
              const result = JSON.parse(res.body) as SyncResult;
              return { ms: res.ms, result };
            };
            const send = async () => {
              const body = batch();
              const { ms, result } = await post(body);
              const refused = result.results.filter((r) => r.status !== 201);
              if (refused.length > 0)
                throw new Error(`sync refused visits: ${JSON.stringify(refused.slice(0, 3))}`);
              return {
                ms,
                body,
                cases: result.results.reduce((s, r) => s + (r.visit?.cases.length ?? 0), 0),
              };
            };

            const postmaster = await postmasterPid(probe);
            // Warm-up: a few batches at the highest concurrency.
            const warm = Math.max(...levels);
            await Promise.all(Array.from({ length: warm }, () => send()));

            let lastBatch: SyncBatch | undefined;
            for (const concurrency of levels) {
              const by = {
                on: { rates: [] as number[], perCpu: [] as number[], latencies: [] as number[] },
                off: { rates: [] as number[], perCpu: [] as number[], latencies: [] as number[] },
              };
              const overheads: number[] = [];
              for (let r = 0; r < runs * 2; r++) {
                // Pairs of runs (on, off), the order alternating so that a drift in load favours neither.
                const figures = (r % 4 === 0 || r % 4 === 3 ? 'on' : 'off') as 'on' | 'off';
                const { rates, perCpu, latencies } = by[figures];
                setFigureMaintenance(figures === 'on');
                const cpuBefore = process.cpuUsage();
                const pgBefore = postgresCpuSeconds(postmaster);
                const started = performance.now();
                let visits = 0;
                let cases = 0;
                try {
                  await Promise.all(
                    Array.from({ length: concurrency }, async () => {
                      for (let b = 0; b < perDevice; b++) {
                        const done = await send();
                        latencies.push(Math.round(done.ms * 10) / 10);
                        visits += BATCH;
                        cases += done.cases;
                        lastBatch = done.body;
                      }
                    }),
                  );
                } finally {
                  setFigureMaintenance(true);
                }
                const wall = (performance.now() - started) / 1000;
                const cpu = process.cpuUsage(cpuBefore);
                const nodeCpu = (cpu.user + cpu.system) / 1e6;
                const pgCpu = postgresCpuSeconds(postmaster) - pgBefore;
                rates.push(visits / wall);
                perCpu.push(visits / (nodeCpu + pgCpu));
                if (r % 2 === 1)
                  overheads.push((by.on.rates.at(-1) as number) / (by.off.rates.at(-1) as number));
                ctx.log(
                  `  c=${concurrency} run ${Math.floor(r / 2) + 1} figures ${figures}: ${visits} visits (${cases} cases) in ${wall.toFixed(1)} s = ` +
                    `${(visits / wall).toFixed(0)} visits/s; CPU node ${nodeCpu.toFixed(1)} s + PostgreSQL ${pgCpu.toFixed(1)} s ` +
                    `= ${((nodeCpu + pgCpu) / wall).toFixed(2)} cores busy → ${(visits / (nodeCpu + pgCpu)).toFixed(0)} visits per CPU-second`,
                );
              }
              for (const figures of ['on', 'off'] as const) {
                const { rates, perCpu, latencies } = by[figures];
                ctx.log(
                  `  c=${concurrency} figures ${figures}: batch p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p95 ${quantile(latencies, 0.95).toFixed(0)} ms`,
                );
                const params = { concurrency, batch: BATCH, cores: os.cpus().length, figures };
                out.push(
                  metric('sync.in_process_visits_per_s', 'postgres', 'visits/s', rates, params),
                  metric('sync.visits_per_cpu_s', 'postgres', 'visits/CPU-s', perCpu, params),
                  metric('sync.in_process_batch_ms', 'postgres', 'ms', latencies, params),
                );
              }
              ctx.log(
                `  c=${concurrency}: figures on/off ${overheads.map((o) => o.toFixed(3)).join(', ')} (visits/s)`,
              );
              out.push(
                metric('sync.figures_overhead_ratio', 'postgres', 'ratio', overheads, {
                  concurrency,
                  batch: BATCH,
                }),
              );
            }

            // One more batch with the query log on: statements per visit and where their time goes.
            log.entries = [];
            log.enabled = true;
            await send();
            log.enabled = false;
            const byStatement = new Map<string, { n: number; ms: number }>();
            for (const e of log.entries) {
              const key = e.sql.replace(/\s+/g, ' ').slice(0, 90);
              const s = byStatement.get(key) ?? { n: 0, ms: 0 };
              byStatement.set(key, { n: s.n + 1, ms: s.ms + e.ms });
            }
            const dbMs = log.entries.reduce((t, e) => t + e.ms, 0);
            ctx.log(
              `  one batch: ${log.entries.length} statements (${(log.entries.length / BATCH).toFixed(1)} per visit), ` +
                `${(dbMs / BATCH).toFixed(2)} ms of database time per visit; by total time:`,
            );
            for (const [sqlText, s] of [...byStatement].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) {
              ctx.log(`    ${s.n}× ${s.ms.toFixed(0)} ms  ${sqlText}`);
            }
            out.push(
              metric('sync.statements_per_visit', 'postgres', 'statements', [log.entries.length / BATCH], {
                batch: BATCH,
              }),
            );

            // Replay: the last batch again creates nothing and answers each visit as already recorded.
            if (lastBatch) {
              const counts = async () => {
                const row = await sql<{ visits: string; visitors: string; cases: string; audit: string }>`
                select (select count(*) from visit) as visits, (select count(*) from visit_visitor) as visitors,
                  (select count(*) from case_record) as cases, (select count(*) from audit_log) as audit`.execute(
                  db,
                );
                const c = row.rows[0] as Record<string, string>;
                return Object.values(c).map(Number);
              };
              const before = await counts();
              const { ms, result } = await post(lastBatch);
              const after = await counts();
              const newRows = after.reduce((s, v, i) => s + v - (before[i] as number), 0);
              const replayed = result.results.filter((r) => r.status === 200).length;
              ctx.log(
                `  replay of one batch: ${replayed}/${BATCH} answered 200 (replayed) in ${ms.toFixed(0)} ms; ` +
                  `new rows (visit, visitor, case, audit): ${after.map((v, i) => v - (before[i] as number)).join(', ')}`,
              );
              if (replayed !== BATCH || newRows !== 0)
                throw new Error('A replayed batch created rows or was refused.');
              out.push(metric('sync.replay_new_rows', 'postgres', 'rows', [newRows], { batch: BATCH }));
              out.push(metric('sync.replay_batch_ms', 'postgres', 'ms', [Math.round(ms)], { batch: BATCH }));
            }
          } finally {
            await probe.end();
            await server.close();
          }
        },
        log,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
};

/** The postmaster's pid: the parent of this connection's backend. */
async function postmasterPid(client: pg.Client): Promise<number | undefined> {
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  const pid = rows[0]?.pid;
  try {
    return pid === undefined ? undefined : Number(readStat(pid)[1]);
  } catch {
    return undefined; // another host or no /proc: PostgreSQL's CPU is then not counted
  }
}

/** Fields of /proc/<pid>/stat after the command name (field 3 onwards). */
function readStat(pid: number): string[] {
  const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** CPU seconds of the postmaster and its children (backends, writers, autovacuum) so far. */
function postgresCpuSeconds(postmaster: number | undefined): number {
  if (postmaster === undefined) return 0;
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const f = readStat(Number(entry));
      if (Number(entry) === postmaster || Number(f[1]) === postmaster) {
        total += (Number(f[11]) + Number(f[12])) / ticks;
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

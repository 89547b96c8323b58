import { sql } from 'kysely';
import { type BenchContext, type Benchmark, type Metric, metric, quantile } from '../harness.ts';
import type { LoadResult, RequestTemplate } from './load-generator.ts';
import { demoStreet, withProductionServer } from './server-process.ts';

const RATES = [100, 250, 500];
/** A request not answered within this long (of being due) counts as a timeout, at this time. */
const TIMEOUT_MS = 5_000;

/**
 * The resident-facing routes under an open loop (issue 15; docs/specs/performance.md: p99 ≤ 100 ms at
 * 500 req/s on loopback, past capacity a fast 503, never a queue), on PostgreSQL (fsync on):
 * `minqing start` in its own process as in production (logs on, job queue and outbox delivery on;
 * server-process.ts) over the demo street, driven by a load generator in another process
 * (load-generator.ts) at 100, 250 and 500 offered requests per second, whatever the answers:
 * - `report`: POST /api/v1/public/reports, the body the QR form sends (a grid of the street, a
 *   phone, so the status link's SMS is queued in the outbox; no Idempotency-Key, as the web form);
 * - `status`: GET /api/v1/public/status/:token, the resident's status page, with the tokens of
 *   the reports' receipts (`statusPath`); skipped while receipts carry none.
 * Each rate runs `report` then `status` for 5 s (--quick 2 s), waiting between them until
 * /readyz answers fast again, so one phase's backlog does not fall on the next.
 *
 * Per route and rate: `public.p50_ms` and `public.p99_ms` over every request not shed, from when
 * it was due (so a client falling behind does not hide a queue): errors at their time, timeouts
 * at 5 s; `public.ok_p99_ms` over the 2xx answers alone, `public.shed_p99_ms` over the shed ones
 * (a refusal must be fast; NaN when none was shed); counts of requests answered (2xx),
 * shed (429/503: load shedding's OVERLOADED, http/shedding.ts), errors (other status or connection
 * failure) and timeouts; and `public.shed_ratio`, the share of the offered requests shed. The
 * target reads on `public.p99_ms` at 500/s: what is not shed is answered fast. The per-address
 * limit is raised (MINQING_PUBLIC_RATE_LIMIT_PER_MINUTE): all the load comes from 127.0.0.1; the
 * shedding bounds are the defaults.
 */
export const publicBench: Benchmark = {
  name: 'public',
  description: 'public report form and status page p50/p99 at 100, 250, 500 offered req/s (PostgreSQL)',
  async run(ctx: BenchContext): Promise<Metric[]> {
    if (!ctx.engines.includes('postgres') || !ctx.postgresAdminUrl) {
      ctx.log('  skipped: the public routes are measured on PostgreSQL');
      return [];
    }
    const durationMs = ctx.quick ? 2_000 : 5_000;
    const out: Metric[] = [];
    await withProductionServer(ctx, 'public', demoStreet(200), async ({ database, server, load, settle }) => {
      const grids = await database.db
        .selectFrom('region')
        .select('id')
        .where('level', '=', 'grid')
        .orderBy('path')
        .execute();
      const fsync = await sql<{ s: string }>`select current_setting('fsync') as s`.execute(database.db);
      const sync = fsync.rows[0]?.s === 'on' ? 'fsync' : 'none';
      const report: RequestTemplate = {
        method: 'POST',
        path: '/api/v1/public/reports',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          regionId: '{{grid}}',
          kind: 'help',
          title: '路灯不亮 {{n}}',
          description: '小区东门路灯坏了三天，晚上很黑，老人出门不方便，希望尽快修好。',
          name: '李先生',
          phone: '{{phone}}',
        }),
        vars: { grid: grids.map((g) => g.id) },
        collect: 'statusPath',
      };
      const tokens: string[] = [];
      const status = (): RequestTemplate => ({
        method: 'GET',
        path: '/api/v1/public/status/{{token}}',
        vars: { token: tokens },
      });
      const open = (template: RequestTemplate, rate: number, ms: number) =>
        load.run({ mode: 'open', url: server.url, template, rate, durationMs: ms, timeoutMs: TIMEOUT_MS });
      const keep = (result: LoadResult) => {
        for (const p of result.collected) tokens.push(p.split('/').pop() as string);
      };

      // Warm-up: connections, plans and caches, and the first status tokens.
      keep(await open(report, 50, 2_000));
      if (tokens.length > 0) await open(status(), 50, 1_000);
      else ctx.log('  the report receipts carry no statusPath yet: the status page is not measured');
      await settle();

      for (const rate of RATES) {
        for (const route of ['report', 'status'] as const) {
          if (route === 'status' && tokens.length === 0) continue;
          const result = await open(route === 'report' ? report : status(), rate, durationMs);
          if (route === 'report') keep(result);
          out.push(...figures(route, rate, sync, result));
          ctx.log(
            `  ${route} at ${rate}/s: p50 ${fmt(quantile(result.allMs, 0.5))} ms, p99 ${fmt(quantile(result.allMs, 0.99))} ms; ` +
              `sent ${result.sent}, answered ${result.answered}, shed ${result.shed} ` +
              `(${fmt((100 * result.shed) / Math.max(1, result.sent))} %), errors ${result.errors}, ` +
              `timeouts ${result.timeouts}; client lag ≤ ${fmt(result.maxLagMs)} ms` +
              (result.firstError ? `; first error: ${result.firstError}` : ''),
          );
          ctx.log(`    settled in ${(await settle()).toFixed(1)} s`);
        }
      }
    });
    return out;
  },
};

const fmt = (ms: number) => (Number.isNaN(ms) ? '-' : ms.toFixed(ms < 10 ? 1 : 0));

function figures(route: 'report' | 'status', rate: number, sync: string, r: LoadResult): Metric[] {
  const params = { route, offered_per_s: rate, sync };
  const one = (name: string, unit: string, value: number) => metric(name, 'postgres', unit, [value], params);
  return [
    one('public.p50_ms', 'ms', quantile(r.allMs, 0.5)),
    one('public.p99_ms', 'ms', quantile(r.allMs, 0.99)),
    one('public.ok_p99_ms', 'ms', quantile(r.okMs, 0.99)),
    one('public.shed_p99_ms', 'ms', quantile(r.shedMs, 0.99)),
    one('public.sent', 'requests', r.sent),
    one('public.answered', 'requests', r.answered),
    one('public.shed', 'requests', r.shed),
    one('public.shed_ratio', 'ratio', r.sent === 0 ? 0 : r.shed / r.sent),
    one('public.errors', 'requests', r.errors),
    one('public.timeouts', 'requests', r.timeouts),
  ];
}

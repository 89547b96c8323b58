import { type BenchContext, type Benchmark, type Metric, metric, quantile } from '../harness.ts';
import { PAYLOAD } from './baseline.ts';
import { intakeTargets, staffCaseBody } from './intake-targets.ts';
import type { LoadResult, RequestTemplate } from './load-generator.ts';
import { demoStreet, withProductionServer } from './server-process.ts';

const CONCURRENCY = 8;
const TIMEOUT_MS = 10_000;

/**
 * Cases coming in from another system against the staff intake path (issue 15), on PostgreSQL,
 * from one run: `minqing start` in its own process as in production (server-process.ts), and a
 * load generator in another (load-generator.ts) keeping `CONCURRENCY` (8) requests in flight:
 * - `open311`: POST /open311/v2/requests.json, form-encoded as the GeoReport v2 spec has it, with
 *   an api_key issued through the admin route (POST /api/v1/admin/open311-clients, as sysadmin),
 *   a service code from GET /open311/v2/services.json (one without required attributes; the
 *   optional attribute[kind] set to the staff body's kind, complaint), a point
 *   inside a grid of the street (lat/long: the server places it by the grids' boundaries), an
 *   address, a description and a phone;
 * - `staff`: POST /api/v1/cases as the street's dispatcher (the body intake.ts sends, its own
 *   Idempotency-Key each).
 * Runs alternate the two (order flipped every run) for 5 s each (--quick 2 s), 3 runs
 * (--quick 2), so both see the same machine load; `open311.vs_staff_ratio` is the Open311 rate
 * over the staff rate of the same run. Only 2xx answers count; anything else is reported.
 */
export const open311Bench: Benchmark = {
  name: 'open311',
  description:
    'POST /open311/v2/requests.json per second against POST /api/v1/cases, same concurrency (PostgreSQL)',
  async run(ctx: BenchContext): Promise<Metric[]> {
    if (!ctx.engines.includes('postgres') || !ctx.postgresAdminUrl) {
      ctx.log('  skipped: Open311 intake is measured on PostgreSQL');
      return [];
    }
    const durationMs = ctx.quick ? 2_000 : 5_000;
    const runs = ctx.quick ? 2 : 3;
    const out: Metric[] = [];
    await withProductionServer(
      ctx,
      'open311',
      demoStreet(200),
      async ({ database, server, load, signIn, settle }) => {
        const { db } = database;
        const { street, grids, categories } = await intakeTargets(db);

        // A point inside each grid of the street (its boundary's centre), as a client on a map sends.
        const points = await db
          .selectFrom('region_boundary as b')
          .innerJoin('region as r', (j) =>
            j.onRef('r.district_code', '=', 'b.district_code').onRef('r.id', '=', 'b.region_id'),
          )
          .select(['b.center_lat', 'b.center_lng'])
          .where('r.level', '=', 'grid')
          .where('r.path', 'like', `${street.path}.%`)
          .orderBy('r.path')
          .execute();
        if (points.length === 0) throw new Error('the demo street has no grid boundaries');

        const admin = await signIn('sysadmin');
        const issued = await fetch(`${server.url}/api/v1/admin/open311-clients`, {
          method: 'POST',
          headers: { cookie: admin, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'bench' }),
        });
        if (issued.status !== 201)
          throw new Error(`POST /api/v1/admin/open311-clients: ${issued.status} ${await issued.text()}`);
        const { apiKey } = (await issued.json()) as { apiKey: string };
        const services = await fetch(`${server.url}/open311/v2/services.json`);
        if (!services.ok) throw new Error(`GET /open311/v2/services.json: ${services.status}`);
        // Services whose definition requires no attribute (of the first 10: the reads are rate-limited).
        const codes: string[] = [];
        for (const service of (
          (await services.json()) as { service_code: string; metadata: boolean }[]
        ).slice(0, 10)) {
          if (service.metadata) {
            const res = await fetch(
              `${server.url}/open311/v2/services/${encodeURIComponent(service.service_code)}.json`,
            );
            const definition = (await res.json()) as { attributes?: { required: boolean }[] };
            if (!res.ok || definition.attributes?.some((a) => a.required)) continue;
          }
          codes.push(service.service_code);
        }
        if (codes.length === 0) throw new Error('no Open311 service without required attributes');

        const open311: RequestTemplate = {
          method: 'POST',
          path: '/open311/v2/requests.json',
          headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
          body: new URLSearchParams({
            api_key: apiKey,
            service_code: '{{code}}',
            lat: '{{lat}}',
            long: '{{long}}',
            'attribute[kind]': 'complaint',
            address_string: '{{n}}幢1单元门口',
            description: `小区门口道路破损积水 {{n}} ${PAYLOAD}`,
            first_name: '建国',
            last_name: '王',
            phone: '{{phone}}',
          })
            .toString()
            .replace(/%7B%7B(\w+)%7D%7D/g, '{{$1}}'),
          vars: {
            code: codes,
            lat: points.map((p) => String(p.center_lat)),
            long: points.map((p) => String(p.center_lng)),
          },
        };
        const dispatcher = await signIn('dispatcher');
        const staff: RequestTemplate = {
          method: 'POST',
          path: '/api/v1/cases',
          headers: { cookie: dispatcher, 'content-type': 'application/json', 'idempotency-key': '{{uuid}}' },
          body: JSON.stringify(staffCaseBody('{{n}}幢1单元门口')),
          vars: { grid: grids.map((g) => g.id), category: categories.map((c) => c.id) },
        };
        const closed = (template: RequestTemplate, ms: number) =>
          load.run({
            mode: 'closed',
            url: server.url,
            template,
            concurrency: CONCURRENCY,
            durationMs: ms,
            timeoutMs: TIMEOUT_MS,
          });
        const check = (what: string, r: LoadResult) => {
          if (r.answered === 0)
            throw new Error(`${what}: nothing answered 2xx; first error: ${r.firstError}`);
          if (r.firstError) ctx.log(`  ${what}: ${r.sent - r.answered} not 2xx; first: ${r.firstError}`);
        };
        const started = new Date();
        check('open311 warm-up', await closed(open311, 1_000));
        check('staff warm-up', await closed(staff, 1_000));
        await settle();

        const by = {
          open311: { rates: [] as number[], ms: [] as number[] },
          staff: { rates: [] as number[], ms: [] as number[] },
        };
        const ratios: number[] = [];
        for (let r = 0; r < runs; r++) {
          const rate = { open311: 0, staff: 0 };
          for (const which of r % 2 === 0
            ? (['staff', 'open311'] as const)
            : (['open311', 'staff'] as const)) {
            const result = await closed(which === 'open311' ? open311 : staff, durationMs);
            check(which, result);
            rate[which] = result.answered / result.seconds;
            by[which].rates.push(rate[which]);
            by[which].ms.push(...result.okMs.map((ms) => Math.round(ms * 100) / 100));
            await settle();
          }
          ratios.push(rate.open311 / rate.staff);
          ctx.log(
            `  c=${CONCURRENCY} run ${r + 1}: staff ${rate.staff.toFixed(1)} cases/s, Open311 ${rate.open311.toFixed(1)} requests/s, ` +
              `ratio ${(rate.open311 / rate.staff).toFixed(3)}`,
          );
        }
        // Both paths must have done the same work: every case filed at a grid, none left at the district.
        const filed = await db
          .selectFrom('case_record as k')
          .innerJoin('region as r', (j) =>
            j.onRef('r.district_code', '=', 'k.district_code').onRef('r.id', '=', 'k.region_id'),
          )
          .select(['k.channel', 'r.level', (eb) => eb.fn.countAll<string>().as('n')])
          .where('k.created_at', '>=', started)
          .groupBy(['k.channel', 'r.level'])
          .execute();
        ctx.log(
          `  cases filed by channel and level: ${filed.map((f) => `${f.channel}/${f.level} ${f.n}`).join(', ')}`,
        );
        const params = { concurrency: CONCURRENCY };
        out.push(
          metric('open311.requests_per_s', 'postgres', 'requests/s', by.open311.rates, params),
          metric('open311.staff_cases_per_s', 'postgres', 'cases/s', by.staff.rates, params),
          metric('open311.vs_staff_ratio', 'postgres', 'ratio', ratios, params),
          metric('open311.latency_ms', 'postgres', 'ms', by.open311.ms, params),
          metric('open311.staff_latency_ms', 'postgres', 'ms', by.staff.ms, params),
        );
        ctx.log(
          `  latency p50/p99: Open311 ${quantile(by.open311.ms, 0.5).toFixed(0)}/${quantile(by.open311.ms, 0.99).toFixed(0)} ms, ` +
            `staff ${quantile(by.staff.ms, 0.5).toFixed(0)}/${quantile(by.staff.ms, 0.99).toFixed(0)} ms`,
        );
      },
    );
    return out;
  },
};

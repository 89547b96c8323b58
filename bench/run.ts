// `npm run bench [-- --quick] [-- --engine pglite|postgres|citus] [-- --only name]`: runs the named
// benchmarks, prints a table and writes bench/results/latest.json plus a timestamped copy.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAuditMac } from '../src/server/crypto/audit-mac.ts';
import { setAuditMac } from '../src/server/modules/audit/audit-chain.ts';
import { startPostgresCluster } from '../test/support/postgres-cluster.ts';
import { baseline } from './benchmarks/baseline.ts';
import { coverageBench } from './benchmarks/coverage.ts';
import { dashboardBench } from './benchmarks/dashboard.ts';
import { embeddedStartBench } from './benchmarks/embedded-start.ts';
import { embeddedSyncBench } from './benchmarks/embedded-sync.ts';
import { exportBench } from './benchmarks/export.ts';
import { importBench } from './benchmarks/import.ts';
import { intakeBench } from './benchmarks/intake.ts';
import { intakeEmbeddedBench } from './benchmarks/intake-embedded.ts';
import { open311Bench } from './benchmarks/open311.ts';
import { provinceBench } from './benchmarks/province.ts';
import { publicBench } from './benchmarks/public.ts';
import { queueBench } from './benchmarks/queue.ts';
import { syncBench } from './benchmarks/sync.ts';
import { syncProductionBench } from './benchmarks/sync-production.ts';
import { type BenchContext, type Benchmark, type Metric, machine } from './harness.ts';

// The benchmarks append audit rows in-process: keyed, as a deployment's are, with a throwaway key.
setAuditMac(createAuditMac(crypto.randomBytes(32)));

const BENCHMARKS: Benchmark[] = [
  baseline,
  importBench,
  exportBench,
  intakeBench,
  intakeEmbeddedBench,
  queueBench,
  syncBench,
  syncProductionBench,
  coverageBench,
  dashboardBench,
  embeddedSyncBench,
  embeddedStartBench,
  publicBench,
  open311Bench,
  provinceBench,
];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'all' },
    only: { type: 'string', multiple: true },
  },
  allowPositionals: true,
});

const engines = values.engine === 'all' ? (['pglite', 'postgres'] as const) : ([values.engine] as const);
for (const e of engines) {
  if (e !== 'pglite' && e !== 'postgres' && e !== 'citus')
    throw new Error(`--engine must be pglite, postgres, citus or all, not ${e}`);
}
// Citus is the province benchmark's: it starts its own single PostgreSQL and Citus clusters and
// reports them side by side; `all` is PGlite and PostgreSQL.
const selected = BENCHMARKS.filter(
  (b) =>
    (!values.only || values.only.includes(b.name)) &&
    (b === provinceBench) === engines.includes('citus' as never),
);
if (selected.length === 0) throw new Error(`No benchmark named ${values.only?.join(', ')}`);

const log = (message: string) => console.error(message);
const cluster =
  engines.includes('postgres' as never) && !process.env.DATABASE_URL
    ? await startPostgresCluster({ fsync: true })
    : undefined;
const ctx: BenchContext = {
  quick: values.quick,
  engines: [...engines] as BenchContext['engines'],
  postgresAdminUrl: process.env.DATABASE_URL ?? cluster?.url('postgres'),
  log,
};

const started = new Date();
const metrics: Metric[] = [];
try {
  for (const bench of selected) {
    log(`${bench.name}: ${bench.description}`);
    metrics.push(...(await bench.run(ctx)));
  }
} finally {
  cluster?.stop();
}

const rows = metrics.map((m) => ({
  metric: m.name,
  engine: m.engine,
  params: Object.entries(m.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' '),
  median: m.median.toFixed(m.median < 10 ? 3 : 0),
  p95: m.p95.toFixed(m.p95 < 10 ? 3 : 0),
  unit: m.unit,
  runs: m.runs,
}));
console.table(rows);

const result = {
  startedAt: started.toISOString(),
  finishedAt: new Date().toISOString(),
  quick: values.quick,
  machine: machine(),
  metrics,
};
const dir = path.resolve(import.meta.dirname, 'results');
fs.mkdirSync(dir, { recursive: true });
const json = `${JSON.stringify(result, null, 2)}\n`;
fs.writeFileSync(path.join(dir, 'latest.json'), mergeIntoLatest(path.join(dir, 'latest.json'), result));
fs.writeFileSync(path.join(dir, `${started.toISOString().replace(/[:.]/g, '-')}.json`), json);
log(`results: ${path.relative(process.cwd(), path.join(dir, 'latest.json'))}`);

/**
 * latest.json holds the newest figure of every metric: a run of some benchmarks (--only, or the
 * province's --engine citus) replaces the figures it measured and keeps the others, so one
 * benchmark can be re-run on its own.
 */
function mergeIntoLatest(file: string, run: typeof result): string {
  const partial = values.only || engines.includes('citus' as never);
  if (!partial || !fs.existsSync(file)) return `${JSON.stringify(run, null, 2)}\n`;
  const previous = JSON.parse(fs.readFileSync(file, 'utf8')) as { metrics?: Metric[] };
  const names = new Set(run.metrics.map((m) => m.name));
  const kept = (previous.metrics ?? []).filter((m) => !names.has(m.name));
  return `${JSON.stringify({ ...run, metrics: [...kept, ...run.metrics] }, null, 2)}\n`;
}

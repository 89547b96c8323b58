import os from 'node:os';

/** One measured figure: several runs of the same thing, summarised as median and p95. */
export interface Metric {
  name: string;
  engine: 'pglite' | 'postgres' | 'n/a';
  unit: string;
  /** Extra dimensions, e.g. { concurrency: 8 }. */
  params: Record<string, string | number>;
  runs: number;
  samples: number[];
  median: number;
  p95: number;
}

export interface BenchContext {
  quick: boolean;
  engines: ('pglite' | 'postgres')[];
  /** URL of a PostgreSQL server to create scratch databases on (a throwaway cluster by default). */
  postgresAdminUrl?: string;
  log(message: string): void;
}

export interface Benchmark {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Metric[]>;
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

export function metric(
  name: string,
  engine: Metric['engine'],
  unit: string,
  samples: number[],
  params: Metric['params'] = {},
): Metric {
  return {
    name,
    engine,
    unit,
    params,
    runs: samples.length,
    samples,
    median: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
  };
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Runs `work` repeatedly from `concurrency` workers for `ms` and returns completed operations per second. */
export async function throughput(
  ms: number,
  concurrency: number,
  work: (worker: number, i: number) => Promise<void>,
) {
  const deadline = performance.now() + ms;
  const started = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        await work(worker, i);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

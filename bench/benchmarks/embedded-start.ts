import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCli } from '../../test/support/cli.ts';
import { type BenchContext, type Benchmark, type Metric, metric } from '../harness.ts';
import { peakMemoryMb } from './server-process.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/minqing.mjs');
/** Requests after ready, spread over a few seconds: what the first users of the morning send. */
const BURST = 60;

/**
 * Embedded start-up on existing data (issue 16 §6): the demo street is made once by a first
 * `minqing start --demo`; then each run spawns `minqing start` on it and measures
 * - `startup.embedded_ms`: spawn → the first /readyz answering 200;
 * - `startup.embedded_cpu_ms`: the CPU time (user + system) the process had used by then, which
 *   a busy machine (other processes on the same cores) stretches far less than the wall time;
 * - `memory.embedded_peak_mb`: the server process's VmHWM (peak resident set) after the start
 *   and a short burst of requests (/readyz, /healthz, the web app's shell) over about 3 s, when
 *   the background work of a start (PGlite's WASM compiled into optimised code) is done.
 * Each run is a fresh process with Node's compile cache warm, as on a server restarted by its
 * service manager. Knob: MINQING_BENCH_START_RUNS (5; --quick 3).
 */
export const embeddedStartBench: Benchmark = {
  name: 'embedded-start',
  description: 'embedded server start on existing demo data: time to /readyz and peak memory',
  async run(ctx: BenchContext): Promise<Metric[]> {
    if (!ctx.engines.includes('pglite')) {
      ctx.log('  skipped: embedded mode is PGlite');
      return [];
    }
    const runs = Number(process.env.MINQING_BENCH_START_RUNS ?? (ctx.quick ? 3 : 5));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-bench-start-'));
    const env = {
      MINQING_DATA_DIR: dataDir,
      MINQING_PII_KEY: crypto.randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      NODE_COMPILE_CACHE: path.join(dataDir, 'compile-cache'),
    };
    try {
      const began = performance.now();
      const first = await startCli(['--demo'], { ...env, PORT: '0' }, 30 * 60_000);
      first.child.kill('SIGTERM');
      await first.exited;
      ctx.log(`  demo street made in ${((performance.now() - began) / 1000).toFixed(1)} s`);

      const startMs: number[] = [];
      const cpuMs: number[] = [];
      const peakMb: number[] = [];
      for (let run = 0; run < runs; run++) {
        const { ms, cpu, peak } = await startOnce({ ...env, PORT: String(await freePort()) });
        startMs.push(ms);
        cpuMs.push(cpu);
        peakMb.push(peak);
        ctx.log(
          `  run ${run + 1}: ready in ${ms.toFixed(0)} ms (${cpu.toFixed(0)} ms CPU), peak ${peak.toFixed(0)} MB`,
        );
      }
      return [
        metric('startup.embedded_ms', 'pglite', 'ms', startMs),
        metric('startup.embedded_cpu_ms', 'pglite', 'ms', cpuMs),
        metric('memory.embedded_peak_mb', 'pglite', 'MB', peakMb),
      ];
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

async function startOnce(env: Record<string, string>): Promise<{ ms: number; cpu: number; peak: number }> {
  const began = performance.now();
  const child = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const base = `http://127.0.0.1:${env.PORT}`;
  try {
    for (;;) {
      if (exited) throw new Error(`the server exited before it was ready:\n${stderr}`);
      if (performance.now() - began > 120_000)
        throw new Error(`the server was not ready in 120 s:\n${stderr}`);
      const ok = await fetch(`${base}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      await sleep(20);
    }
    const ms = performance.now() - began;
    const cpu = cpuTimeMs(child.pid as number);
    const paths = ['/readyz', '/healthz', '/'];
    for (let i = 0; i < BURST; i++) {
      const res = await fetch(`${base}${paths[i % paths.length]}`);
      await res.arrayBuffer();
      await sleep(50);
    }
    return { ms, cpu, peak: peakMemoryMb(child.pid as number) };
  } finally {
    if (!exited) child.kill('SIGTERM');
    await exit;
  }
}

/** utime + stime of a process (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuTimeMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

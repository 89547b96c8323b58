// The benchmarks' HTTP client in its own process, so that its CPU is not the server's (issue 16
// §8): `forkLoadGenerator()` starts this file as a child node process and sends it jobs over the
// IPC channel; the child drives the server over loopback with node:http on keep-alive sockets and
// answers each job with counts and latencies. Run directly, it only waits for jobs.
import { type ChildProcess, fork } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';

/**
 * One kind of request, with placeholders in its path, headers and body: `{{n}}` the request's
 * sequence number in the job, `{{uuid}}` a fresh UUID, `{{phone}}` a mobile number unique per n,
 * and `{{name}}` the (n mod length)-th value of `vars[name]` (e.g. grids, status tokens).
 */
export interface RequestTemplate {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  vars?: Record<string, string[]>;
  /** A field of a 2xx JSON answer to hand back, as text (e.g. the receipt's `statusPath`, a total), up to 10,000. */
  collect?: string;
}

/**
 * `open`: requests are sent at `rate` per second for `durationMs` whether or not earlier ones were
 * answered (open loop); a request's latency is counted from when it was due, so a client that
 * falls behind cannot hide the server's queue (coordinated omission). `closed`: `concurrency`
 * clients each send the next request when the previous one is answered (250 ms after a shed
 * answer), for `durationMs`.
 */
export type LoadJob = { url: string; template: RequestTemplate; durationMs: number; timeoutMs: number } & (
  | { mode: 'open'; rate: number }
  | { mode: 'closed'; concurrency: number }
);

export interface LoadResult {
  /** Requests sent (open loop: the offered count). */
  sent: number;
  /** Answered 2xx. */
  answered: number;
  /** Answered 429 or 503: refused fast by a limit or by load shedding. */
  shed: number;
  /** Answered with any other status, or the connection failed. */
  errors: number;
  /** Not answered within `timeoutMs` (of being due). */
  timeouts: number;
  /** Status → count, for a look at what the errors were. */
  statuses: Record<string, number>;
  /** The first error body or message, to say what went wrong. */
  firstError: string | null;
  /** Milliseconds from due (open) or sent (closed) to the whole answer, of the 2xx answers. */
  okMs: number[];
  /** The same of every request not shed: errors at their time, timeouts at `timeoutMs`. */
  allMs: number[];
  /** The same of the shed ones: how fast a refusal comes. */
  shedMs: number[];
  /** Wall time from the first request to the last answer, seconds. */
  seconds: number;
  /** Open loop: the latest a request left after it was due (the generator's own lag), ms. */
  maxLagMs: number;
  collected: string[];
}

/** Closed loop: how long a client waits after a shed answer (429/503) before its next request. */
const SHED_BACKOFF_MS = 250;

interface Outcome {
  status: number | 'timeout' | 'error';
  body: string;
}

function fill(text: string, n: number, vars: Record<string, string[]>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (name === 'n') return String(n);
    if (name === 'uuid') return crypto.randomUUID();
    if (name === 'phone') return `139${String(n % 100_000_000).padStart(8, '0')}`;
    const values = vars[name];
    if (!values || values.length === 0) throw new Error(`no values for {{${name}}}`);
    return values[n % values.length] as string;
  });
}

async function runJob(job: LoadJob): Promise<LoadResult> {
  const target = new URL(job.url);
  // Sockets are kept alive and reused; past 256 open at once a request waits in the client for a
  // free one, and that wait counts in its latency (from when it was due).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const { template } = job;
  const vars = template.vars ?? {};
  const result: LoadResult = {
    sent: 0,
    answered: 0,
    shed: 0,
    errors: 0,
    timeouts: 0,
    statuses: {},
    firstError: null,
    okMs: [],
    allMs: [],
    shedMs: [],
    seconds: 0,
    maxLagMs: 0,
    collected: [],
  };

  const send = (n: number, due: number): Promise<void> => {
    const path = fill(template.path, n, vars);
    const body = template.body === undefined ? undefined : Buffer.from(fill(template.body, n, vars));
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(template.headers ?? {})) headers[k] = fill(v, n, vars);
    if (body) headers['content-length'] = String(body.length);
    result.sent++;
    result.maxLagMs = Math.max(result.maxLagMs, performance.now() - due);
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      const settle = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const req = http.request(
        { host: target.hostname, port: target.port, method: template.method, path, headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            settle({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', (e) => settle({ status: 'error', body: e.message }));
        },
      );
      const timer = setTimeout(
        () => {
          settle({ status: 'timeout', body: '' });
          req.destroy();
        },
        Math.max(0, due + job.timeoutMs - performance.now()),
      );
      req.on('error', (e) => settle({ status: 'error', body: e.message }));
      req.end(body);
    }).then(({ status, body: answer }) => {
      const ms = status === 'timeout' ? job.timeoutMs : performance.now() - due;
      result.statuses[String(status)] = (result.statuses[String(status)] ?? 0) + 1;
      if (status === 429 || status === 503) {
        result.shed++;
        result.shedMs.push(ms);
        return;
      }
      result.allMs.push(ms);
      if (status === 'timeout') result.timeouts++;
      else if (typeof status === 'number' && status >= 200 && status < 300) {
        result.answered++;
        result.okMs.push(ms);
        if (template.collect && result.collected.length < 10_000) {
          const value = (JSON.parse(answer) as Record<string, unknown>)[template.collect];
          if (typeof value === 'string' || typeof value === 'number') result.collected.push(String(value));
        }
      } else {
        result.errors++;
        result.firstError ??= `${status} ${answer.slice(0, 300)}`;
      }
    });
  };

  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  if (job.mode === 'open') {
    const total = Math.round((job.rate * job.durationMs) / 1000);
    const interval = 1000 / job.rate;
    await new Promise<void>((resolve) => {
      let n = 0;
      const tick = () => {
        // Every request due by now leaves now: a late timer sends a small burst, never fewer.
        const due = Math.min(total, Math.floor((performance.now() - started) / interval) + 1);
        for (; n < due; n++) track(send(n, started + n * interval));
        if (n < total) setTimeout(tick, Math.max(0, started + n * interval - performance.now()));
        else resolve();
      };
      tick();
    });
  } else {
    const deadline = started + job.durationMs;
    let n = 0;
    await Promise.all(
      Array.from({ length: job.concurrency }, async () => {
        while (performance.now() < deadline) {
          const shedBefore = result.shed;
          await send(n++, performance.now());
          // A refused client backs off as the web app does, instead of spinning on fast 503s.
          if (result.shed > shedBefore) await new Promise((r) => setTimeout(r, SHED_BACKOFF_MS));
        }
      }),
    );
  }
  while (inFlight.size > 0) await Promise.all([...inFlight]);
  result.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}

/** A load generator in a child process; `run` sends it one job at a time. */
export interface LoadGenerator {
  /** The child process's id (its CPU is measured apart from the server's, process-cpu.ts). */
  pid: number;
  run(job: LoadJob): Promise<LoadResult>;
  close(): Promise<void>;
}

export function forkLoadGenerator(): LoadGenerator {
  const child: ChildProcess = fork(import.meta.filename, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let pending: { resolve: (r: LoadResult) => void; reject: (e: Error) => void } | undefined;
  child.on('message', (message: { result?: LoadResult; error?: string }) => {
    const waiting = pending;
    pending = undefined;
    if (message.error !== undefined) waiting?.reject(new Error(`load generator: ${message.error}`));
    else if (message.result) waiting?.resolve(message.result);
  });
  child.on('exit', (code) => {
    pending?.reject(new Error(`load generator exited with ${code}`));
    pending = undefined;
  });
  return {
    pid: child.pid as number,
    run(job) {
      if (pending) return Promise.reject(new Error('one job at a time'));
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        child.send(job);
      });
    },
    close() {
      if (child.exitCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      });
    },
  };
}

// The child: one job per message, answered in order; it exits when the parent disconnects.
if (process.send && process.argv[1] === import.meta.filename) {
  process.on('message', (job: LoadJob) => {
    runJob(job).then(
      (result) => process.send?.({ result }),
      (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

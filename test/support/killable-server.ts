import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN } from './cli.ts';
import { waitForReadyz } from './readiness.ts';

/**
 * `minqing start` as production runs it (bench/benchmarks/server-process.ts): its own process,
 * NODE_ENV production, logs on (pino at info, into `logFile`), the job queue and outbox delivery
 * running, audit checkpoints and backups in the data directory. Only the per-address limits are
 * raised, since the whole load comes from one loopback address.
 *
 * The server leads its own process group, so `kill()` takes down whatever `bin/minqing.mjs`
 * started: when an older system Node runs it, the real server is a child of that wrapper, and a
 * SIGKILL of the wrapper alone would leave it serving.
 */
export interface KillableServer {
  url: string;
  pid: number;
  logFile: string;
  /** kill -9 of the whole process group; resolves once the process is gone (and reaped). */
  kill(): Promise<void>;
  /** SIGTERM (a graceful shutdown, as a deployment stops it); resolves with the exit code. */
  stop(): Promise<number | null>;
}

const COMPILE_CACHE = process.env.NODE_COMPILE_CACHE ?? path.join(os.tmpdir(), 'minqing-node-compile-cache');

/** Only a guard against a server that never comes up; no step depends on the machine's speed. */
const READY_GUARD_MS = 300_000;

export async function startKillableServer(options: {
  env: Record<string, string>;
  logFile: string;
}): Promise<KillableServer> {
  const out = fs.openSync(options.logFile, 'a');
  const from = fs.fstatSync(out).size;
  const child: ChildProcess = spawn(process.execPath, [BIN, 'start'], {
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      NODE_COMPILE_CACHE: COMPILE_CACHE,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      MINQING_RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
      MINQING_PUBLIC_RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
      ...options.env,
    },
  });
  fs.closeSync(out);
  const pid = child.pid as number;
  const groupKill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  // A test that dies leaves no server behind.
  const orphan = () => groupKill('SIGKILL');
  process.once('exit', orphan);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', orphan);
      exitCode = code;
      resolve(code);
    }),
  );
  // This start's own output: `from` counts bytes, and the log holds Chinese text.
  const output = () => fs.readFileSync(options.logFile).subarray(from).toString('utf8');
  const logTail = () => output().split('\n').slice(-30).join('\n');

  const waitUntilReady = async (): Promise<string> => {
    const since = Date.now();
    let url: string | undefined;
    while (url === undefined) {
      const ready = /is ready on (http:\/\/\S+)/.exec(output());
      if (ready?.[1]) url = ready[1].replace('localhost', '127.0.0.1');
      else if (exitCode !== undefined || Date.now() - since > READY_GUARD_MS) {
        throw new Error(`the server did not start (exit ${exitCode}):\n${logTail()}`);
      } else await sleep(100);
    }
    try {
      await waitForReadyz(url, {
        timeoutMs: Math.max(0, READY_GUARD_MS - (Date.now() - since)),
        pollMs: 100,
        gone: () => (exitCode === undefined ? undefined : `exited (${exitCode})`),
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}:\n${logTail()}`);
    }
    return url;
  };
  let readyUrl: string;
  try {
    readyUrl = await waitUntilReady();
  } catch (error) {
    // Whatever went wrong, no server is left running behind the failed test.
    groupKill('SIGKILL');
    await exited;
    throw error;
  }
  return {
    url: readyUrl,
    pid,
    logFile: options.logFile,
    async kill() {
      groupKill('SIGKILL');
      await exited;
    },
    async stop() {
      if (exitCode === undefined) child.kill('SIGTERM');
      return exited;
    },
  };
}

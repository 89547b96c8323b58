import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { waitForReadyz } from './readiness.ts';

export const BIN = path.resolve(import.meta.dirname, '../../bin/minqing.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Node's on-disk compile cache (the V8 code of the type-stripped sources), shared by every
 * `minqing` process the tests start: each start otherwise compiles the whole server again, which
 * cost about a third of a short command's CPU time. Keyed by file content, so never stale.
 */
const COMPILE_CACHE = process.env.NODE_COMPILE_CACHE ?? path.join(os.tmpdir(), 'minqing-node-compile-cache');

/**
 * Only a guard against a hung process, never a measure of speed (see vitest.config.ts): two test
 * files run at once on the 2-core machine, and a demo seed under load took over two minutes.
 */
const HANG_GUARD_MS = 600_000;

const baseEnv = (env: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/root',
  NODE_COMPILE_CACHE: COMPILE_CACHE,
  LOG_LEVEL: 'warn',
  ...env,
});

/** Runs `minqing <args>` to completion with only the given environment (plus PATH, HOME and the compile cache). */
export function runCli(
  args: string[],
  env: Record<string, string>,
  timeoutMs = HANG_GUARD_MS,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface StartedServer {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts `minqing start …` and resolves once it prints that it is ready and `/readyz` answers 200
 * (readiness.ts).
 */
export async function startCli(
  args: string[],
  env: Record<string, string>,
  timeoutMs = HANG_GUARD_MS,
): Promise<StartedServer> {
  const began = Date.now();
  const server = await printedReady(args, env, timeoutMs);
  try {
    await waitForReadyz(server.url, {
      timeoutMs: Math.max(0, timeoutMs - (Date.now() - began)),
      gone: () => (server.child.exitCode === null ? undefined : `exited with ${server.child.exitCode}`),
    });
  } catch (error) {
    server.child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}:\n${server.output()}`);
  }
  return server;
}

function printedReady(
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<StartedServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start', ...args], { env: baseEnv(env) });
    let output = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server not ready in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /is ready on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1].replace('localhost', '127.0.0.1'), output: () => output, exited });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`));
    });
  });
}

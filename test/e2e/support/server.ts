import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForReadyz } from '../../support/readiness.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface E2eServer {
  origin: string;
  dataDir: string;
  /** What the server printed so far (for failure messages). */
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s; removes the data directory. */
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Arguments after `node`; the real command unless a test needs another. */
  args?: string[];
  readyTimeoutMs?: number;
  /** Settings on top of the test's own (port, data directory, log level). */
  env?: Record<string, string>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts the real server as a user would (`node bin/minqing.mjs start --demo`) on a free port and
 * a fresh data directory, and resolves once `/readyz` answers 200. The first start seeds the demo
 * street, hence the long default timeout.
 */
export async function startServer(options: StartServerOptions = {}): Promise<E2eServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-e2e-'));
  const args = options.args ?? ['bin/minqing.mjs', 'start', '--demo'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MINQING_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // The browsers and the suite's own API calls all come from 127.0.0.1: one address doing the
      // work of a whole office passes the per-address limit of 600 a minute once the machine is
      // fast enough (429s on the case page in case-actions.test.ts). The limits themselves are
      // tested through the API (test/api/http-platform.test.ts, auth.test.ts).
      MINQING_RATE_LIMIT_PER_MINUTE: String(1_000_000),
      // Likewise every resident's page of the suite: their writes and reads each share one
      // allowance per address (server/http/public-limits.ts).
      MINQING_PUBLIC_RATE_LIMIT_PER_MINUTE: String(100_000),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killed = await Promise.race([exited(child).then(() => true), sleep(10_000).then(() => false)]);
      if (!killed) {
        child.kill('SIGKILL');
        await exited(child);
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForReadyz(origin, {
      timeoutMs: options.readyTimeoutMs ?? 120_000,
      pollMs: 250,
      gone: () =>
        child.exitCode === null && child.signalCode === null
          ? undefined
          : `exited (${child.exitCode ?? child.signalCode})`,
    });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return { origin, dataDir, output: () => output, stop };
}

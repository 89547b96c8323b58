import { spawn } from 'node:child_process';
import fs from 'node:fs';

export const STRACE = '/usr/bin/strace';

/** One traced system call, in the order the process made it. */
export interface TracedCall {
  pid: number;
  name: string;
  /** The file descriptor (fsync, fdatasync, write) or the descriptor returned (openat). */
  fd: number;
  /** openat: the path opened; write: the text written (as strace quotes it). */
  text: string;
}

/**
 * Runs `command` under `strace -f` tracing only `calls`, waits for it to exit and returns the
 * calls in order. A call interrupted by another thread's ("<unfinished ...>") counts where it
 * started; its "resumed" line is dropped (openat's returned descriptor is read from it then).
 */
export async function traceCalls(
  command: string[],
  calls: string[],
  logFile: string,
): Promise<{ code: number | null; calls: TracedCall[] }> {
  const child = spawn(
    STRACE,
    ['-f', '-s', '256', '-o', logFile, '-e', `trace=${calls.join(',')}`, ...command],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`traced command exited ${code}:\n${stderr}`);
  return { code, calls: parseTrace(fs.readFileSync(logFile, 'utf8')) };
}

const CALL = /^(\d+)\s+(\w+)\((.*)$/;
const RESUMED = /^(\d+)\s+<\.\.\. (\w+) resumed>.*= (-?\d+)/;

export function parseTrace(log: string): TracedCall[] {
  const out: TracedCall[] = [];
  const pendingOpen = new Map<number, TracedCall>();
  for (const line of log.split('\n')) {
    const resumed = RESUMED.exec(line);
    if (resumed) {
      const open = pendingOpen.get(Number(resumed[1]));
      if (resumed[2] === 'openat' && open) {
        open.fd = Number(resumed[3]);
        pendingOpen.delete(Number(resumed[1]));
      }
      continue;
    }
    const m = CALL.exec(line);
    if (!m) continue;
    const pid = Number(m[1]);
    const name = m[2] as string;
    const rest = m[3] as string;
    if (name === 'openat') {
      const path = /"([^"]*)"/.exec(rest)?.[1] ?? '';
      const ret = / = (-?\d+)/.exec(rest);
      const call = { pid, name, fd: ret ? Number(ret[1]) : -1, text: path };
      if (!ret) pendingOpen.set(pid, call);
      out.push(call);
    } else {
      const fd = Number(/^(\d+)/.exec(rest)?.[1] ?? -1);
      const text = name === 'write' ? (/"((?:[^"\\]|\\.)*)"/.exec(rest)?.[1] ?? '') : '';
      out.push({ pid, name, fd, text });
    }
  }
  return out;
}

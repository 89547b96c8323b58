import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './lock.ts';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-lock-'));

/** The pid of a process that has exited: a lock holding it is stale. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

/**
 * A separate process that takes the lock when told (`go <dir>`), answers `won` or `locked`, and
 * holds it until told to `release`, so that two winners of one race would both still hold it.
 */
function lockContender() {
  const script = `
    import readline from 'node:readline';
    import { acquireDataDirLock } from ${JSON.stringify(path.resolve(import.meta.dirname, 'lock.ts'))};
    let lock;
    for await (const line of readline.createInterface({ input: process.stdin })) {
      const [command, dir] = line.split(' ');
      if (command === 'go') {
        try {
          lock = acquireDataDirLock(dir);
          console.log('won');
        } catch (error) {
          console.log(error.name === 'DataDirLockedError' ? 'locked' : 'error ' + error.message);
        }
      } else {
        lock?.release();
        lock = undefined;
        console.log('released');
      }
    }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    pid: child.pid as number,
    async send(command: string): Promise<string> {
      child.stdin.write(`${command}\n`);
      const next = await lines.next();
      return next.done ? 'exited' : next.value;
    },
    close: () => child.stdin.end(),
  };
}

describe('data directory lock', () => {
  it('refuses a second owner while the first holds the lock, and allows one after release', () => {
    const dir = tempDir();
    const first = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    first.release();
    const second = acquireDataDirLock(dir);
    expect(fs.readFileSync(second.path, 'utf8').trim()).toBe(String(process.pid));
    second.release();
    expect(fs.existsSync(second.path)).toBe(false);
  });

  it('refuses when another live process owns the directory, naming its pid', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(path.join(dir, 'minqing.lock'), `${child.pid}\n`);
      expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`pid ${child.pid}`));
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over a lock left by a process that died (kill -9)', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise((resolve) => child.on('exit', resolve));
    fs.writeFileSync(path.join(dir, 'minqing.lock'), `${child.pid}\n`);
    const lock = acquireDataDirLock(dir);
    expect(fs.readFileSync(lock.path, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('takes over a lock holding our own pid that this process does not hold (a restarted container)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'minqing.lock'), `${process.pid}\n`);
    const lock = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    lock.release();
  });

  it('gets past a breaker left by a process that died while removing the stale lock', async () => {
    const dir = tempDir();
    const lockPath = path.join(dir, 'minqing.lock');
    const dead = await deadPid();
    fs.writeFileSync(lockPath, `${dead}\n`);
    // The breaker is named after the stale lock file it guards (device, inode, change time).
    const stat = fs.statSync(lockPath, { bigint: true });
    const breaker = `${lockPath}.break-${stat.dev}-${stat.ino}-${stat.ctimeNs}`;
    fs.writeFileSync(breaker, `${dead}\n`);
    const lock = acquireDataDirLock(dir);
    expect(fs.readFileSync(lockPath, 'utf8').trim()).toBe(String(process.pid));
    expect(fs.readdirSync(dir)).toEqual(['minqing.lock']);
    lock.release();
  });

  it('lets exactly one of several processes racing over a stale lock win, every time', async () => {
    const contenders = [lockContender(), lockContender(), lockContender()];
    const dead = await deadPid();
    const trials = 40;
    try {
      for (let trial = 0; trial < trials; trial++) {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'minqing.lock'), `${dead}\n`);
        const answers = await Promise.all(contenders.map((c) => c.send(`go ${dir}`)));
        const winners = contenders.filter((_, i) => answers[i] === 'won');
        expect({ trial, answers: [...answers].sort() }).toEqual({
          trial,
          answers: ['locked', 'locked', 'won'],
        });
        expect(fs.readFileSync(path.join(dir, 'minqing.lock'), 'utf8').trim()).toBe(String(winners[0]?.pid));
        expect(await Promise.all(contenders.map((c) => c.send('release')))).toEqual([
          'released',
          'released',
          'released',
        ]);
        expect(fs.readdirSync(dir)).toEqual([]);
      }
    } finally {
      for (const c of contenders) c.close();
    }
  });
});

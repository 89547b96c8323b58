import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite corrupts its data directory when two processes open it (electric-sql/pglite#1106), so
 * exactly one process owns it. The owner holds `<dataDir>/minqing.lock` with its pid; a lock left
 * by a dead process (kill -9, power cut) is taken over, a live owner makes us refuse to start.
 *
 * Node has no flock, so ownership rests on two atomic file-system steps: link(2) of a file that
 * already holds our pid (it fails with EEXIST when a lock exists, and nobody ever sees a
 * half-written lock), and, to remove a stale lock, an exclusive "breaker" file named after that
 * very lock file (inode and change time). Only the breaker's holder may unlink the lock, and only
 * after re-reading it under the breaker and finding the same file with the same dead pid — so two
 * starters racing over one stale lock can never delete the fresh lock one of them just created.
 */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  readonly lockPath: string;
  readonly ownerPid: number;
  constructor(lockPath: string, ownerPid: number) {
    super(
      `The data directory is in use by another MinQing process (pid ${ownerPid}). ` +
        `Only one server may own ${path.dirname(lockPath)}; stop the other process first ` +
        `(lock file: ${lockPath}).`,
    );
    this.lockPath = lockPath;
    this.ownerPid = ownerPid;
  }
}

export interface DataDirLock {
  path: string;
  release(): void;
}

/** A breaker is held for microseconds; one this old was left by a process that stopped in between. */
const STALE_BREAKER_MS = 30_000;
/** Waiting while another starter breaks a stale lock: at most this many short naps. */
const MAX_ATTEMPTS = 500;
const NAP_MS = 10;

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else: still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function nap(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Creates `file` holding our pid, atomically and exclusively: the content is written to a private
 * temporary file first and linked into place, so a reader never sees an empty lock. Returns false
 * when the file already exists.
 */
function createWithPid(file: string): boolean {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, `${process.pid}\n`, { flag: 'wx' });
  try {
    const fd = fs.openSync(tmp, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.linkSync(tmp, file);
    return true;
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

interface Holder {
  pid: number;
  /** Which file this is: a lock unlinked and created again is a different file. */
  identity: string;
  ageMs: number;
}

/** Who holds `file`, read from one open file (so pid and identity belong together); undefined when gone. */
function readHolder(file: string): Holder | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if (errno(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const stat = fs.fstatSync(fd, { bigint: true });
    const pid = Number.parseInt(fs.readFileSync(fd, 'utf8').trim(), 10);
    return {
      pid,
      identity: `${stat.dev}-${stat.ino}-${stat.ctimeNs}`,
      ageMs: Date.now() - Number(stat.mtimeMs),
    };
  } finally {
    fs.closeSync(fd);
  }
}

const sameHolder = (a: Holder | undefined, b: Holder) => a?.identity === b.identity && a.pid === b.pid;

/**
 * Removes `file` if it is still the stale file `seen`. The breaker is exclusive and named after
 * `seen`, so of all the processes that saw this stale file, one at a time re-reads and decides;
 * once it is gone, a later holder finds another file (or none) and leaves it. A breaker left by a
 * process that died holding it is itself stale and is removed the same way, one level down.
 */
function removeIfStale(file: string, seen: Holder, isStale: (h: Holder) => boolean, depth = 0): void {
  const breaker = `${file}.break-${seen.identity}`;
  if (!createWithPid(breaker)) {
    const holder = readHolder(breaker);
    const breakerStale = (h: Holder) => !isAlive(h.pid) || h.ageMs > STALE_BREAKER_MS;
    if (holder && depth < 2 && breakerStale(holder)) removeIfStale(breaker, holder, breakerStale, depth + 1);
    return;
  }
  try {
    const now = readHolder(file);
    if (now && sameHolder(now, seen) && isStale(now)) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

/**
 * Once we own the lock, nothing can depend on what dead processes left behind: temporary files
 * they never linked and breakers they held when they died.
 */
function removeLeftovers(dir: string, base: string): void {
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(`${base}.`)) continue;
    const file = path.join(dir, name);
    const tmp = /\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name);
    if (tmp) {
      if (!isAlive(Number(tmp[1]))) fs.rmSync(file, { force: true });
    } else if (name.startsWith(`${base}.break-`)) {
      const holder = readHolder(file);
      if (holder && !isAlive(holder.pid)) fs.rmSync(file, { force: true });
    }
  }
}

/** Locks this process holds: a lock file with our pid that is not one of them was left by an earlier
 * process that had the same pid (a container restarted after kill -9 often gets the same one). */
const held = new Set<string>();

export function acquireDataDirLock(dir: string): DataDirLock {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, 'minqing.lock');
  const isStale = (h: Holder) => (h.pid === process.pid ? !held.has(lockPath) : !isAlive(h.pid));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (createWithPid(lockPath)) {
      held.add(lockPath);
      removeLeftovers(dir, 'minqing.lock');
      let released = false;
      return {
        path: lockPath,
        release() {
          if (released) return;
          released = true;
          held.delete(lockPath);
          // Only our own lock: after a takeover by someone else the file is theirs.
          const holder = readHolder(lockPath);
          if (holder?.pid === process.pid) fs.rmSync(lockPath, { force: true });
        },
      };
    }
    const holder = readHolder(lockPath);
    if (!holder) continue;
    if (!isStale(holder)) throw new DataDirLockedError(lockPath, holder.pid);
    removeIfStale(lockPath, holder, isStale);
    // Another starter may be breaking the same stale lock: give it a moment before looking again.
    if (attempt > 0) nap(NAP_MS);
  }
  throw new Error(`Could not acquire ${lockPath}: a stale lock could not be removed.`);
}

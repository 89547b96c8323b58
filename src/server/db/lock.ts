import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite corrupts its data directory when two processes open it (electric-sql/pglite#1106), so
 * exactly one process owns it. The owner holds `<dataDir>/minqing.lock` with its pid; a lock left
 * by a dead process (kill -9, power cut) is taken over, a live owner makes us refuse to start.
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

export function acquireDataDirLock(dir: string): DataDirLock {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, 'minqing.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, `${process.pid}\n`);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      let released = false;
      return {
        path: lockPath,
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10);
      if (owner === process.pid || isAlive(owner)) throw new DataDirLockedError(lockPath, owner);
      // Stale lock from a dead process: remove it and try again. Rename first so two starters
      // racing over the same stale lock cannot both delete a fresh one.
      const stale = `${lockPath}.stale-${process.pid}`;
      try {
        fs.renameSync(lockPath, stale);
        fs.unlinkSync(stale);
      } catch {
        // Another starter won the race; loop and look again.
      }
    }
  }
  throw new Error(`Could not acquire ${lockPath}`);
}

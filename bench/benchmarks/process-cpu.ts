import fs from 'node:fs';

/**
 * CPU time by process from /proc (Linux), to tell where a request's CPU goes when the machine is
 * the limit: the server, the database, the load generator, and how busy the whole machine was.
 * Figures are milliseconds of CPU (user + system, all threads); processes that ended while
 * measured count through their parent's reaped-children time.
 */
const TICK_MS = 10; // USER_HZ is 100 on every Linux the project runs on

/** utime, stime, cutime, cstime of a process, in ticks (0 once it is gone). */
function ticksOf(pid: number, withChildren: boolean): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return (
      (utime as number) + (stime as number) + (withChildren ? (cutime as number) + (cstime as number) : 0)
    );
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** A process and its live children, with their CPU, in milliseconds. */
function treeMs(root: number): number {
  let ticks = ticksOf(root, true);
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === root) continue;
    try {
      if (parentOf(pid) === root) ticks += ticksOf(pid, false);
    } catch {
      // gone between the listing and the read
    }
  }
  return ticks * TICK_MS;
}

/** Busy and total CPU of the whole machine, in milliseconds (all cores). */
function machineMs(): { busy: number; total: number } {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]?.split(/\s+/).slice(1).map(Number) ?? [];
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0); // idle + iowait
  return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
}

export interface CpuSplit {
  serverMs: number;
  databaseMs: number;
  loadMs: number;
  /** Share of all cores busy, 0–1. */
  machineBusy: number;
}

/**
 * Starts measuring the server's process, the database's postmaster with its backends, and the load
 * generator; `stop()` answers what each used since.
 */
export function measureCpu(pids: { server: number; postmaster: number; load: number }): {
  stop(): CpuSplit;
} {
  const read = () => ({
    server: treeMs(pids.server),
    database: treeMs(pids.postmaster),
    load: treeMs(pids.load),
    machine: machineMs(),
  });
  const start = read();
  return {
    stop() {
      const end = read();
      return {
        serverMs: end.server - start.server,
        databaseMs: end.database - start.database,
        loadMs: end.load - start.load,
        machineBusy:
          (end.machine.busy - start.machine.busy) / Math.max(1, end.machine.total - start.machine.total),
      };
    },
  };
}

/** The postmaster of the backend serving `backendPid` (its parent process). */
export function postmasterOf(backendPid: number): number {
  return parentOf(backendPid);
}

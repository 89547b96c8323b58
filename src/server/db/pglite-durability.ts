import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * Durable embedded mode (issue 16 §6).
 *
 * PGlite as shipped never reaches the disk: it starts PostgreSQL with `-F` (fsync off), and even
 * with fsync on, the WASM build's `fsync()` lands in Emscripten's `fd_sync`, which calls the
 * stream's `fsync` operation, and Node's NODEFS has none (its `fdatasync()` is a bare no-op). An
 * acknowledged commit then survives the process being killed (the bytes are in the page cache)
 * but not the machine losing power.
 *
 * The fix lets PostgreSQL itself decide when to sync, as it does natively, and gives NODEFS the
 * missing operation: fsync on, `wal_sync_method=fsync` (the one method that goes through
 * `fd_sync`), and a `fsync` stream operation that calls the host's fdatasync/fsync on the file's
 * own descriptor. PostgreSQL's own rules then hold as on a native server:
 * - a commit returns only after its WAL up to the commit record is on disk (XLogFlush), and the
 *   WAL is all crash recovery needs for a committed transaction (its pages are rebuilt from the
 *   full-page images and records since the last checkpoint);
 * - a buffer is written to a data file only after the WAL covering it is flushed (WAL before data);
 * - a checkpoint syncs the data files before pg_control points past the WAL it lets go, and
 *   renames are made durable by syncing the directory (durable_rename);
 * - after a crash, start-up syncs the whole data directory before recovery trusts it.
 * An engine-level flush after each statement (fdatasync of pg_wal from JS, grouped) was the
 * alternative; it would acknowledge before PostgreSQL's own ordering points (a buffer written to
 * its data file before its WAL is durable, a checkpoint moving past WAL that is not), so it could
 * not be made safe without these hooks anyway. There is nothing to group: PGlite runs one
 * statement at a time on the main thread, so no two commits are ever in flight together.
 */
export const durableStartParams = (): string[] => [
  ...PGlite.defaultStartParams.filter((p) => p !== '-F'),
  '-c',
  'fsync=on',
  '-c',
  'wal_sync_method=fsync',
];

type EmscriptenOptions = Parameters<NodeFS['init']>[1];
type PostgresMod = Parameters<
  Extract<NonNullable<EmscriptenOptions['preRun']>[number], (mod: never) => void>
>[0];

interface NodefsStream {
  nfd?: number;
  node: { mode: number };
}

// S_IFMT / S_IFDIR from sys/stat.h: Emscripten keeps POSIX mode bits on its nodes.
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;

/** NODEFS with the fsync operation Emscripten leaves out: every PostgreSQL fsync reaches the disk. */
export class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: EmscriptenOptions) {
    const preRun = [
      ...(opts.preRun ?? []),
      (mod: PostgresMod) => {
        const nodefs = mod.NODEFS as unknown as {
          stream_ops: Record<string, unknown>;
          tryFSOperation?: <T>(op: () => T) => T;
        };
        // A failing sync reaches PostgreSQL as an errno (NODEFS turns Node's error into one), which
        // then acts as natively: a WAL sync that fails is a PANIC, never an acknowledged commit.
        const guard = nodefs.tryFSOperation?.bind(nodefs) ?? (<T>(op: () => T) => op());
        nodefs.stream_ops.fsync = (stream: NodefsStream) => {
          if (stream.nfd === undefined) return 0;
          const fd = stream.nfd;
          // A directory needs fsync (its entries); a file only its data and size (fdatasync),
          // which is what PostgreSQL's fdatasync method would ask for natively.
          if ((stream.node.mode & S_IFMT) === S_IFDIR) guard(() => fs.fsyncSync(fd));
          else guard(() => fs.fdatasyncSync(fd));
          return 0;
        };
      },
    ];
    return super.init(pg, { ...opts, preRun });
  }
}

/**
 * Syncs every file and directory under `dir` (a data directory just unpacked from the template,
 * whose files were written without any sync). Children before their directory, so the directory's
 * sync covers entries whose files are already durable.
 */
export function syncNewDataDir(dir: string): void {
  syncTree(dir);
  // The directory's own entry in its parent.
  syncPath(path.dirname(path.resolve(dir)), true);
}

function syncTree(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) syncTree(full);
    else if (entry.isFile()) syncPath(full, false);
  }
  syncPath(dir, true);
}

function syncPath(file: string, directory: boolean): void {
  const fd = fs.openSync(file, 'r');
  try {
    if (directory) fs.fsyncSync(fd);
    else fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

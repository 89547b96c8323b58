import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import {
  isFinalProgressState,
  type Progress,
  type ProgressOperation,
  type ProgressState,
} from '../../../shared/domain/progress.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { createProgressRepository, type ProgressRow } from './progress.repository.ts';

/**
 * The progress of a long operation the web app waits on (an import's upload, an export's
 * download), for its progress bar: the page reserves a run first, the operation claims it and
 * moves its row forward batch by batch (records done of the total), and a server-sent event
 * stream reads that row until the run is over. The row is in the database, not in the process,
 * so any instance can answer the stream; only the user who reserved the run can read or claim it.
 */

/** How often a stream looks at the row; a progress bar needs no finer steps. */
const POLL_MS = 500;
/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;
/**
 * A run not moved for this long is over: its process stopped (an upload never sent, a download
 * abandoned, a restart). Operations move the row at least once per batch, and a batch takes seconds.
 */
export const PROGRESS_STALE_MS = 10 * 60_000;

export async function reserveRun(
  db: Kysely<DB>,
  principal: Principal,
  operation: ProgressOperation,
  kind: string | null,
): Promise<{ id: string }> {
  const id = uuidv7();
  await createProgressRepository(db).reserve({
    district_code: principal.districtCode,
    id,
    operation,
    kind,
    created_by: principal.userId,
  });
  return { id };
}

/** The reporter a claimed run's operation calls: the row moves on. */
export interface RunProgress {
  /** Records done so far of the total: called before the first batch and after each. */
  written(done: number, total: number): Promise<void>;
  /** Called when the operation is over (an import: in the transaction that records its run). */
  done(trx?: Kysely<DB>): Promise<void>;
  failed(error: unknown): Promise<void>;
}

/**
 * Starts a reserved run for its operation; an id that is not the caller's waiting reservation for
 * this operation (and kind) is not found, so it cannot be started twice or by someone else.
 */
export async function claimRun(
  db: Kysely<DB>,
  principal: Principal,
  operation: ProgressOperation,
  kind: string,
  id: string,
): Promise<RunProgress> {
  const repo = createProgressRepository(db);
  const { districtCode } = principal;
  if (!(await repo.claim({ districtCode, id, userId: principal.userId, operation }, kind))) {
    throw new AppError('NOT_FOUND', `No such ${operation} run waiting to start.`);
  }
  return {
    written: (done, total) =>
      // A capped count can fall short of the rows: the total is then at least what is done.
      repo.step(districtCode, id, { state: 'writing', done, total: Math.max(done, total) }),
    done: (trx) => createProgressRepository(trx ?? db).step(districtCode, id, { state: 'done' }),
    failed: (error) =>
      repo.step(districtCode, id, {
        state: 'failed',
        error_code: error instanceof AppError ? error.code : 'INTERNAL',
      }),
  };
}

function viewOf(row: ProgressRow, now: number): Progress {
  let state = row.state as ProgressState;
  if (!isFinalProgressState(state) && now - row.updated_at.getTime() > PROGRESS_STALE_MS) state = 'failed';
  return {
    id: row.id,
    operation: row.operation as ProgressOperation,
    kind: row.kind,
    state,
    done: row.done,
    total: row.total,
    errorCode: row.error_code,
  };
}

/** The run's progress now; a run of another operation or another user is not found. */
export async function readProgress(
  db: Kysely<DB>,
  principal: Principal,
  operation: ProgressOperation,
  id: string,
): Promise<Progress> {
  const row = await createProgressRepository(db).find({
    districtCode: principal.districtCode,
    id,
    userId: principal.userId,
  });
  if (!row || row.operation !== operation) throw new AppError('NOT_FOUND', `No such ${operation} run.`);
  return viewOf(row, Date.now());
}

/**
 * Server-sent events: the run's progress each time it changes, ending after the run is over
 * (done or failed) or when `signal` aborts (the client left, the server stops).
 */
export async function* progressEvents(
  db: Kysely<DB>,
  principal: Principal,
  first: Progress,
  signal: AbortSignal,
): AsyncGenerator<string> {
  const repo = createProgressRepository(db);
  const key = { districtCode: principal.districtCode, id: first.id, userId: principal.userId };
  let last = first;
  let quietSince = Date.now();
  yield `data: ${JSON.stringify(first)}\n\n`;
  while (!isFinalProgressState(last.state) && !signal.aborted) {
    try {
      await sleep(POLL_MS, undefined, { signal });
    } catch {
      return;
    }
    const row = await repo.find(key);
    if (!row) return;
    const now = Date.now();
    const next = viewOf(row, now);
    if (JSON.stringify(next) !== JSON.stringify(last)) {
      last = next;
      quietSince = now;
      yield `data: ${JSON.stringify(next)}\n\n`;
    } else if (now - quietSince >= KEEP_ALIVE_MS) {
      quietSince = now;
      yield ': keep-alive\n\n';
    }
  }
}

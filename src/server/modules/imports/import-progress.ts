import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import {
  type ImportProgress,
  type ImportProgressState,
  isFinalImportState,
  type TransferKind,
} from '../../../shared/domain/transfer.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { IMPORTERS } from './import-kinds.ts';
import { createImportProgressRepository, type ImportProgressRow } from './import-progress.repository.ts';
import type { WrittenProgress } from './import-run.ts';

/**
 * A web import's progress, for the progress bar: the page reserves a run before uploading, the
 * upload's importer moves the run's row forward batch by batch (rows written of the valid total),
 * and a server-sent event stream reads that row until the run is over. The row is in the
 * database, not in the process, so any instance can answer the stream.
 */

/** How often a stream looks at the row; a progress bar needs no finer steps. */
const POLL_MS = 500;
/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;
/**
 * A run not moved for this long is over: its process stopped (an upload never sent, a restart).
 * The importer moves the row at least once per batch, and a batch takes seconds.
 */
export const IMPORT_STALE_MS = 10 * 60_000;

export async function reserveImportRun(
  db: Kysely<DB>,
  principal: Principal,
  kind: TransferKind,
): Promise<{ id: string }> {
  if (!IMPORTERS[kind]) throw new AppError('NOT_FOUND', `Importing ${kind} is not available yet.`);
  const id = uuidv7();
  await createImportProgressRepository(db).reserve({
    district_code: principal.districtCode,
    id,
    kind,
    created_by: principal.userId,
  });
  return { id };
}

/** The reporter a claimed run's importer calls: the row moves on (see batches.ts). */
export interface RunProgress {
  written: WrittenProgress;
  /** Called in the transaction that records the run. */
  done(trx: Kysely<DB>): Promise<void>;
  failed(error: unknown): Promise<void>;
}

/**
 * Starts a reserved run for its upload; an id that is not the caller's waiting reservation for
 * this kind is not found (so it cannot be started twice or by someone else).
 */
export async function claimImportRun(
  db: Kysely<DB>,
  principal: Principal,
  kind: TransferKind,
  id: string,
): Promise<RunProgress> {
  const repo = createImportProgressRepository(db);
  const { districtCode } = principal;
  if (!(await repo.claim(districtCode, id, principal.userId, kind))) {
    throw new AppError('NOT_FOUND', 'No such import run waiting for its upload.');
  }
  return {
    written: (done, total) => repo.step(districtCode, id, { state: 'writing', done, total }),
    done: (trx) => createImportProgressRepository(trx).step(districtCode, id, { state: 'done' }),
    failed: (error) =>
      repo.step(districtCode, id, {
        state: 'failed',
        error_code: error instanceof AppError ? error.code : 'INTERNAL',
      }),
  };
}

function viewOf(row: ImportProgressRow, now: number): ImportProgress {
  let state = row.state as ImportProgressState;
  if (!isFinalImportState(state) && now - row.updated_at.getTime() > IMPORT_STALE_MS) state = 'failed';
  return {
    id: row.id,
    kind: row.kind as TransferKind,
    state,
    done: row.done,
    total: row.total,
    errorCode: row.error_code,
  };
}

/** The run's progress now; a run of another district is not found (import runs are district-wide). */
export async function readImportProgress(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
): Promise<ImportProgress> {
  const row = await createImportProgressRepository(db).find(principal.districtCode, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such import run.');
  return viewOf(row, Date.now());
}

/**
 * Server-sent events: the run's progress each time it changes, ending after the run is over
 * (done or failed) or when `signal` aborts (the client left, the server stops).
 */
export async function* importProgressEvents(
  db: Kysely<DB>,
  principal: Principal,
  first: ImportProgress,
  signal: AbortSignal,
): AsyncGenerator<string> {
  const repo = createImportProgressRepository(db);
  let last = first;
  let quietSince = Date.now();
  yield `data: ${JSON.stringify(first)}\n\n`;
  while (!isFinalImportState(last.state) && !signal.aborted) {
    try {
      await sleep(POLL_MS, undefined, { signal });
    } catch {
      return;
    }
    const row = await repo.find(principal.districtCode, first.id);
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

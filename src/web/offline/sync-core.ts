import type { CreatedVisit } from '../../shared/domain/visit.ts';
import { SYNC_BATCH_MAX, type SyncBatch, type SyncResult } from '../../shared/domain/visit.ts';
import type { OutboxPhoto, OutboxVisit } from './field-db.ts';

/** Where queued visits and photos live (IndexedDB in the app, memory in tests). */
export interface OutboxStore {
  /** Queued visits of `userId` whose back-off has passed, oldest first. */
  dueVisits(userId: string, now: number): Promise<OutboxVisit[]>;
  /** Queued photos of `userId`'s visits that the server already holds, with the server's visit id. */
  duePhotos(userId: string): Promise<{ photo: OutboxPhoto; visitId: string }[]>;
  /** The earliest time a queued visit may be retried (null when none waits). */
  nextRetryAt(userId: string): Promise<number | null>;
  markCreated(clientId: string, created: CreatedVisit): Promise<void>;
  markRefused(clientId: string, code: string): Promise<void>;
  markRetry(clientId: string, attempts: number, nextAttemptAt: number, error: string): Promise<void>;
  markPhoto(key: string, change: Pick<OutboxPhoto, 'status' | 'attempts' | 'lastError'>): Promise<void>;
}

/** How the queue reaches the server. Failures throw something with `status` (0: no answer) and `code`. */
export interface SyncTransport {
  syncVisits(batch: SyncBatch): Promise<SyncResult>;
  uploadPhoto(visitId: string, photo: OutboxPhoto): Promise<void>;
}

export interface SyncOutcome {
  created: number;
  refused: number;
  photosUploaded: number;
  /** Something failed for a reason that passes (network, busy server): try again later. */
  retry: boolean;
  /** The server says nobody is signed in: stop until the next sign-in. */
  unauthenticated: boolean;
}

const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 5 * 60_000;

/** Exponential back-off with jitter: 5 s, 10 s, 20 s … capped at 5 min; `random` in [0, 1). */
export function backoffDelay(attempts: number, random: number = Math.random()): number {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  // Up to a quarter either way, so phones that come back online together do not retry in step.
  return Math.round(exponential * (0.75 + random * 0.5));
}

/** Whether a failed answer may succeed later as it is: no answer, timeout, conflict in progress, rate limit, server error. */
export function isTransient(status: number): boolean {
  return status === 0 || status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Splits queued visits into batches the server takes (at most SYNC_BATCH_MAX each). */
export function batchesOf<T>(items: readonly T[], size: number = SYNC_BATCH_MAX): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

function failureOf(error: unknown): { status: number; code: string } {
  if (error && typeof error === 'object') {
    const { status, code } = error as { status?: unknown; code?: unknown };
    return {
      status: typeof status === 'number' ? status : 0,
      code: typeof code === 'string' ? code : 'NETWORK',
    };
  }
  return { status: 0, code: 'NETWORK' };
}

/**
 * One pass over the queue: the due visits in batches (each visit carries its clientId, so a batch
 * that is sent again after a lost answer creates nothing twice), then the photos of every visit
 * the server holds, each with its own Idempotency-Key. Refused visits stay visible with the code;
 * transient failures are retried later with back-off.
 */
export async function syncOnce(
  store: OutboxStore,
  transport: SyncTransport,
  userId: string,
  now: () => number = Date.now,
): Promise<SyncOutcome> {
  const outcome: SyncOutcome = {
    created: 0,
    refused: 0,
    photosUploaded: 0,
    retry: false,
    unauthenticated: false,
  };
  const retryLater = async (visit: OutboxVisit, code: string) => {
    const attempts = visit.attempts + 1;
    await store.markRetry(visit.clientId, attempts, now() + backoffDelay(attempts), code);
    outcome.retry = true;
  };

  const sendBatch = async (batch: OutboxVisit[]): Promise<void> => {
    let result: SyncResult;
    try {
      result = await transport.syncVisits({
        visits: batch.map((v) => ({ clientId: v.clientId, visit: v.visit })),
      });
    } catch (error) {
      const failure = failureOf(error);
      if (failure.status === 401) {
        outcome.unauthenticated = true;
        return;
      }
      if (isTransient(failure.status)) {
        for (const visit of batch) await retryLater(visit, failure.code);
        return;
      }
      // The batch as a whole was refused: find the visit at fault by sending each alone.
      if (batch.length > 1) {
        for (const visit of batch) await sendBatch([visit]);
        return;
      }
      const [only] = batch;
      if (only) {
        await store.markRefused(only.clientId, failure.code);
        outcome.refused += 1;
      }
      return;
    }
    for (const visit of batch) {
      const answer = result.results.find((r) => r.clientId === visit.clientId);
      if (!answer) await retryLater(visit, 'NO_ANSWER');
      else if ((answer.status === 200 || answer.status === 201) && answer.visit) {
        await store.markCreated(visit.clientId, answer.visit);
        outcome.created += 1;
      } else if (isTransient(answer.status)) await retryLater(visit, answer.code ?? `HTTP_${answer.status}`);
      else {
        await store.markRefused(visit.clientId, answer.code ?? `HTTP_${answer.status}`);
        outcome.refused += 1;
      }
    }
  };

  for (const batch of batchesOf(await store.dueVisits(userId, now()))) {
    await sendBatch(batch);
    if (outcome.unauthenticated) return outcome;
  }

  for (const { photo, visitId } of await store.duePhotos(userId)) {
    try {
      await transport.uploadPhoto(visitId, photo);
      await store.markPhoto(photo.key, { status: 'uploaded', attempts: photo.attempts + 1, lastError: null });
      outcome.photosUploaded += 1;
    } catch (error) {
      const failure = failureOf(error);
      if (failure.status === 401) {
        outcome.unauthenticated = true;
        return outcome;
      }
      const transient = isTransient(failure.status);
      await store.markPhoto(photo.key, {
        status: transient ? 'queued' : 'failed',
        attempts: photo.attempts + 1,
        lastError: failure.code,
      });
      if (transient) outcome.retry = true;
    }
  }
  return outcome;
}

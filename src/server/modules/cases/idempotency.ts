import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors/app-error.ts';
import { isConnectionFailure } from '../../db/db-errors.ts';
import type { DB } from '../../db/schema.ts';
import { createIdempotencyRepository, type IdempotencyRef } from './idempotency.repository.ts';

/** A run still "running" after this long belongs to a process that died: the key may be taken over. */
const ABANDONED_MS = 120_000;

const KEY = /^[A-Za-z0-9._:-]{8,100}$/;

export interface IdempotentResult<T> {
  status: number;
  body: T;
  /** The stored answer of an earlier request with the same key and body. */
  replayed: boolean;
}

/** The same JSON for the same content, whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What tells a replay from another request under the same key. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

export function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw new AppError('VALIDATION_FAILED', 'Idempotency-Key must be 8–100 letters, digits or ._:-', {
      issues: [{ path: 'headers.idempotency-key', reason: 'format', message: 'invalid key' }],
    });
  }
  return key;
}

/**
 * Runs a create at most once per key (docs/specs/trust.md §22): the same key and body answer the first
 * result; another body answers 422; a retry while the first still runs answers 409. `run` gets a
 * `complete` to call inside its own transaction, so the stored answer commits with the create.
 */
export async function idempotent<T>(
  db: Kysely<DB>,
  options: {
    ref: Omit<IdempotencyRef, 'key'>;
    key: string | undefined;
    body: unknown;
    days: number;
    status: number;
  },
  run: (complete: (trx: Kysely<DB>, body: T) => Promise<void>) => Promise<T>,
): Promise<IdempotentResult<T>> {
  if (options.key === undefined) {
    return { status: options.status, body: await run(async () => {}), replayed: false };
  }
  const ref = { ...options.ref, key: options.key };
  const hash = requestHash(options.body);
  const repo = createIdempotencyRepository(db);
  const expires = new Date(Date.now() + options.days * 86_400_000);
  const claimedAt = Date.now();
  let claimed = await repo.claim(ref, hash, expires);
  if (!claimed) {
    const held = await repo.find(ref);
    if (held && held.request_hash !== hash) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used with another request body.',
      );
    }
    if (held?.status === 'done') {
      return {
        status: held.response_status ?? options.status,
        body: held.response_body as T,
        replayed: true,
      };
    }
    claimed = held
      ? await repo.takeOver(ref, new Date(Date.now() - ABANDONED_MS))
      : await repo.claim(ref, hash, expires);
    if (!claimed)
      throw new AppError('REQUEST_IN_PROGRESS', 'The first request with this key is still running.');
  }
  try {
    const body = await run((trx, answer) =>
      createIdempotencyRepository(trx).complete(ref, options.status, answer),
    );
    return { status: options.status, body, replayed: false };
  } catch (error) {
    // Nothing was created: the key is free again for a corrected retry.
    await releaseKey(repo, ref, claimedAt);
    throw error;
  }
}

/**
 * Frees a claimed key whose create failed. When the database is away (the usual reason the create
 * failed) the release cannot run now; it is retried every second in the background, for at most
 * half the take-over time, so a client retrying after the outage is not refused as "still
 * running" for minutes, and the release can never remove a later request's take-over.
 */
async function releaseKey(
  repo: ReturnType<typeof createIdempotencyRepository>,
  ref: IdempotencyRef,
  claimedAt: number,
): Promise<void> {
  try {
    await repo.release(ref);
  } catch (error) {
    if (!isConnectionFailure(error)) throw error;
    const retry = setInterval(() => {
      if (Date.now() - claimedAt > ABANDONED_MS / 2) return clearInterval(retry);
      repo.release(ref).then(
        () => clearInterval(retry),
        () => {},
      );
    }, 1_000);
    retry.unref();
  }
}

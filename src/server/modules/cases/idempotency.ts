import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import { GuardFailed, type WriteBatch } from '../../db/write-batch.ts';
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

/** Thrown inside the create's transaction when another request holds the key: rolls the create back. */
class KeyTaken extends Error {}

/**
 * Runs a create at most once per key (docs/specs/trust.md §22): the same key and body answer the first
 * result; another body answers 422. The key is written once, with the answer, inside the create's own
 * transaction or statement (`complete`, called by `run` before its audit row), so a create costs one
 * durable commit. A concurrent duplicate waits on the key's unique index until the first commits, then
 * rolls back and answers the first result (or takes the key if the first rolled back). A row still
 * "running" (written by versions that claimed keys in a separate commit) answers 409 until it is
 * abandoned, then it is taken over.
 */
export async function idempotent<T>(
  db: Kysely<DB>,
  options: {
    ref: Omit<IdempotencyRef, 'key'>;
    key: string | undefined;
    body: unknown;
    days: number;
    status: number;
    /**
     * Skip the read before the work: the caller found no row for the key moments ago (a sync
     * batch reads its keys in one statement), or expects none because retries are rare (a staff
     * intake: one round trip fewer per case, issue 16 §1; a retry does its work, rolls it back and
     * answers the first result, leaving a gap in the case numbers). A duplicate still meets the
     * unique index when the key is written, and is answered as below.
     */
    free?: boolean;
  },
  /**
   * The create. It calls `complete` in its transaction before its audit row, or — a create made
   * in one statement — with its held writes, which then take the key as a guard.
   */
  run: (complete: (trx: Kysely<DB>, body: T, batch?: WriteBatch) => Promise<void>) => Promise<T>,
): Promise<IdempotentResult<T>> {
  if (options.key === undefined) {
    return { status: options.status, body: await run(async () => {}), replayed: false };
  }
  const ref = { ...options.ref, key: options.key };
  const hash = requestHash(options.body);
  const repo = createIdempotencyRepository(db);
  // A retry of a finished request is answered before any work (nothing reserved, nothing stored).
  const earlier = options.free ? undefined : await answerHeld<T>(repo, ref, hash, options.status);
  if (earlier) return earlier;
  try {
    const body = await run(async (trx, answer, batch) => {
      const expires = new Date(Date.now() + options.days * 86_400_000);
      const staleBefore = new Date(Date.now() - ABANDONED_MS);
      const stored = await createIdempotencyRepository(trx).record(
        ref,
        { hash, status: options.status, body: answer, expires },
        staleBefore,
        batch,
      );
      if (!stored) throw new KeyTaken();
    });
    return { status: options.status, body, replayed: false };
  } catch (error) {
    if (!(error instanceof KeyTaken || error instanceof GuardFailed)) throw error;
    const held = await answerHeld<T>(repo, ref, hash, options.status);
    if (held) return held;
    // The holder vanished between the two reads (it expired): the client may simply retry.
    throw new AppError('REQUEST_IN_PROGRESS', 'Another request with this key was running; retry.');
  }
}

/**
 * The answer owed for a key someone holds: the stored result, 422 for another body, 409 while an
 * earlier version's claim is still running; undefined when the key is free (absent, expired, or
 * abandoned).
 */
async function answerHeld<T>(
  repo: ReturnType<typeof createIdempotencyRepository>,
  ref: IdempotencyRef,
  hash: string,
  status: number,
): Promise<IdempotentResult<T> | undefined> {
  const held = await repo.find(ref);
  if (!held || held.expires_at < new Date()) return undefined;
  if (held.request_hash !== hash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another request body.');
  }
  if (held.status === 'done') {
    return { status: held.response_status ?? status, body: held.response_body as T, replayed: true };
  }
  if (Date.now() - new Date(held.created_at).getTime() > ABANDONED_MS) return undefined;
  throw new AppError('REQUEST_IN_PROGRESS', 'The first request with this key is still running.');
}

import type { Kysely, Transaction } from 'kysely';
import { isStalePlan } from './prepared-statements.ts';

/**
 * SQLSTATEs after which the whole transaction may simply be run again (docs/specs/trust.md §24); also a
 * prepared statement whose row type a migration changed (prepared-statements.ts).
 */
const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryableDbError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && RETRYABLE.has(code)) || isStalePlan(error);
}

/**
 * Runs `work` and re-runs it on serialization failures and deadlocks, with jittered back-off.
 * `work` must be the whole transaction, so a retry starts from a clean snapshot.
 */
export async function withRetry<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryableDbError(error)) throw error;
      const delay = Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * Runs `work` in one transaction at the given isolation level, retried as a whole on
 * serialization failures and deadlocks. Every write use case goes through here. Called with a
 * transaction already open, `work` joins it (the outer caller owns commit and retry).
 */
export function runTransaction<DBT, T>(
  db: Kysely<DBT>,
  work: (trx: Transaction<DBT>) => Promise<T>,
  isolation: 'read committed' | 'repeatable read' | 'serializable' = 'read committed',
): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<DBT>);
  return withRetry(() => db.transaction().setIsolationLevel(isolation).execute(work));
}

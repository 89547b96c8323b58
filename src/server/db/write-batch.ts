import type { OperationNodeSource } from 'kysely';

/**
 * Writes of one change whose results nobody reads (outbox messages, figure deltas and
 * contributions), held back and sent as data-modifying CTEs of the statement that ends the change,
 * its audit row (audit.repository.ts `appendAudit`): one round trip for all of them instead of one
 * each (issue 16 §1). They run in that statement's snapshot, so a held write must not be read back
 * before the change ends, and the change must end with that statement: `commitCaseChange` and the
 * visit writers create the batch and pass it to their audit row themselves.
 *
 * A change made outside a transaction (a new case, docs/adr/0004-one-statement-intake.md) holds
 * every write, and that one statement is the whole change. What a transaction would have checked
 * between its statements becomes a guard: a write with RETURNING that must give a row, or the
 * statement fails as a whole and nothing of the change is written (`GuardFailed`).
 */
export interface WriteBatch {
  /** Holds a write (a query builder without RETURNING) until the batch is sent. */
  add(write: OperationNodeSource): void;
  /** Holds a write with RETURNING that must return at least one row for the change to stand. */
  guard(write: OperationNodeSource): void;
  /** The held writes, in the order they were added. */
  readonly writes: readonly OperationNodeSource[];
  /** The held guards, in the order they were added. */
  readonly guards: readonly OperationNodeSource[];
}

export function writeBatch(): WriteBatch {
  const writes: OperationNodeSource[] = [];
  const guards: OperationNodeSource[] = [];
  return {
    writes,
    guards,
    add: (write) => void writes.push(write),
    guard: (write) => void guards.push(write),
  };
}

/**
 * A guarded write of a change sent in one statement returned no row (e.g. its Idempotency-Key is
 * held by another request): nothing of the change was written.
 */
export class GuardFailed extends Error {
  constructor() {
    super('a guarded write of the change returned no row: nothing of the change was written');
  }
}

/** Runs the write now, or holds it in the batch when there is one. */
export async function writeOrHold(
  batch: WriteBatch | undefined,
  write: OperationNodeSource & { execute(): Promise<unknown> },
): Promise<void> {
  if (batch) batch.add(write);
  else await write.execute();
}

import type { OperationNodeSource } from 'kysely';

/**
 * Writes of one change whose results nobody reads (outbox messages, figure deltas and
 * contributions), held back and sent as data-modifying CTEs of the statement that ends the change,
 * its audit row (audit.repository.ts `appendAudit`): one round trip for all of them instead of one
 * each (issue 16 §1). They run in that statement's snapshot, so a held write must not be read back
 * before the change ends, and the change must end with that statement: `commitCaseChange` and the
 * visit writers create the batch and pass it to their audit row themselves.
 */
export interface WriteBatch {
  /** Holds a write (a query builder without RETURNING) until the batch is sent. */
  add(write: OperationNodeSource): void;
  /** The held writes, in the order they were added. */
  readonly writes: readonly OperationNodeSource[];
}

export function writeBatch(): WriteBatch {
  const writes: OperationNodeSource[] = [];
  return { writes, add: (write) => void writes.push(write) };
}

/** Runs the write now, or holds it in the batch when there is one. */
export async function writeOrHold(
  batch: WriteBatch | undefined,
  write: OperationNodeSource & { execute(): Promise<unknown> },
): Promise<void> {
  if (batch) batch.add(write);
  else await write.execute();
}

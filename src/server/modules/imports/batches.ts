import type { Kysely, Transaction } from 'kysely';
import type { AuditAction } from '../../../shared/domain/audit.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { ChangeCounts, WrittenProgress } from './import-run.ts';
import type { ImportIssue } from './reasons.ts';

/**
 * The write phase every import shares: the valid records go in batch by batch, one transaction
 * each. A batch reads what exists inside its transaction, plans, and writes only when something
 * changes, together with one audit row; a batch that changes nothing writes nothing, which is
 * what makes importing the same file twice a no-op. Issues found while planning (e.g. a parent
 * region that does not exist) are kept only once the transaction has committed, so a retried
 * transaction does not report them twice.
 */
export interface BatchPlan {
  counts: Record<string, ChangeCounts>;
  issues?: ImportIssue[];
  write(): Promise<void>;
  /** Runs once the batch's transaction has committed (a retried transaction plans again). */
  committed?(): void;
}

export interface BatchOptions<T> {
  items: readonly T[];
  batchSize: number;
  actor: AuditActor;
  /** The batches' audit action, e.g. `import.households`. */
  action: AuditAction;
  objectType: string;
  fileName: string;
  /** Work on a batch that needs no database (e.g. keyed hashes), done once, outside the transaction. */
  prepare?(batch: readonly T[]): void;
  plan(trx: Transaction<DB>, batch: readonly T[]): Promise<BatchPlan>;
  onProgress?: (message: string) => void;
  onWritten?: WrittenProgress;
}

export interface BatchesOutcome {
  counts: Record<string, ChangeCounts>;
  issues: ImportIssue[];
  batchesWritten: number;
}

const changed = (counts: Record<string, ChangeCounts>) =>
  Object.values(counts).reduce((n, c) => n + c.inserted + c.updated, 0);

export async function writeInBatches<T>(db: Kysely<DB>, options: BatchOptions<T>): Promise<BatchesOutcome> {
  const outcome: BatchesOutcome = { counts: {}, issues: [], batchesWritten: 0 };
  const batches = Math.ceil(options.items.length / options.batchSize);
  await options.onWritten?.(0, options.items.length);
  for (let b = 0; b < batches; b++) {
    const batch = options.items.slice(b * options.batchSize, (b + 1) * options.batchSize);
    options.prepare?.(batch);
    const { plan, written } = await runTransaction(db, async (trx) => {
      const planned = await options.plan(trx, batch);
      if (changed(planned.counts) === 0) return { plan: planned, written: false };
      await planned.write();
      await audit(trx, options.actor, {
        action: options.action,
        result: 'success',
        objectType: options.objectType,
        detail: { file: options.fileName, batch: b + 1, batches, ...planned.counts },
      });
      return { plan: planned, written: true };
    });
    for (const [type, counts] of Object.entries(plan.counts)) {
      const total = outcome.counts[type] ?? { inserted: 0, updated: 0, unchanged: 0 };
      outcome.counts[type] = total;
      total.inserted += counts.inserted;
      total.updated += counts.updated;
      total.unchanged += counts.unchanged;
    }
    if (plan.issues) outcome.issues.push(...plan.issues);
    plan.committed?.();
    if (written) outcome.batchesWritten++;
    await options.onWritten?.(
      Math.min((b + 1) * options.batchSize, options.items.length),
      options.items.length,
    );
    options.onProgress?.(
      `batch ${b + 1}/${batches}: ${Object.entries(plan.counts)
        .map(([type, c]) => `${type} +${c.inserted} ~${c.updated}`)
        .join(', ')}`,
    );
  }
  return outcome;
}

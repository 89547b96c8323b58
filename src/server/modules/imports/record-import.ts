import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type BatchPlan, writeInBatches } from './batches.ts';
import type { CellValue, RowProblem } from './cells.ts';
import {
  auditedRun,
  type ChangeCounts,
  DEFAULT_BATCH_SIZE,
  type ImportKind,
  type ImportOptions,
  type ImportRun,
} from './import-run.ts';
import type { IssueLog } from './issue-log.ts';
import { readChecked } from './read-checked.ts';
import type { SheetSpec } from './sheet-spec.ts';
import { detectFormat } from './source.ts';

/** What the checks against the district found: the district, the records to write, and how. */
export interface ResolvedRecords<V> {
  districtCode: string | null;
  ready: V[];
  /** Work on a batch that needs no database (keyed hashes), done once, outside the transaction. */
  prepare?(batch: readonly V[]): void;
  plan(trx: Transaction<DB>, districtCode: string, batch: readonly V[]): Promise<BatchPlan>;
}

/** One kind of one-record-per-row import (hierarchy, enterprises, staff). */
export interface RecordImport<K extends string, F extends { row: number }, V> {
  kind: ImportKind;
  sheet: SheetSpec<K>;
  check(
    row: number,
    cells: Record<K, CellValue>,
  ): { key: string | null; fields: F | null; problems: RowProblem[] };
  /** The record's key in the file; a key that occurs twice refuses both rows. */
  keyOf(fields: F): string;
  /** The name its counts go under in the result, e.g. `regions`. */
  recordType: string;
  /** The batches' audit object type, e.g. `region`. */
  objectType: string;
  /** Checks the rows that are valid on their own against the district, logging what is refused. */
  resolve(valid: F[], log: IssueLog): Promise<ResolvedRecords<V>>;
}

/** A kind's repository on a batch's transaction, as far as writing a batch goes. */
export interface RecordWriter<I, U> {
  insert(districtCode: string, rows: readonly I[]): Promise<void>;
  update(districtCode: string, rows: readonly U[]): Promise<void>;
}

/** The batch plan of a kind whose planner sorts a batch into inserts, updates and unchanged rows. */
export function upsertPlan<I, U>(
  recordType: string,
  repo: RecordWriter<I, U>,
  districtCode: string,
  planned: { counts: ChangeCounts; inserts: readonly I[]; updates: readonly U[] },
): BatchPlan {
  return {
    counts: { [recordType]: planned.counts },
    async write() {
      await repo.insert(districtCode, planned.inserts);
      await repo.update(districtCode, planned.updates);
    },
  };
}

/**
 * The run every one-record-per-row import shares: read and check every row (read-checked.ts),
 * check the valid ones against the district, write the ready ones by batch (batches.ts), and
 * report, all under one `import.run` audit row (auditedRun).
 */
export function importRecords<K extends string, F extends { row: number }, V>(
  db: Kysely<DB>,
  file: string,
  options: ImportOptions,
  spec: RecordImport<K, F, V>,
): Promise<ImportRun> {
  const fileName = options.fileName ?? path.basename(file);
  return auditedRun(db, spec.kind, fileName, options, async () => {
    const started = performance.now();
    const format = options.format ?? detectFormat(file);
    const { rows, valid, log } = await readChecked(file, format, spec.sheet, spec.check, spec.keyOf);
    const resolved = await spec.resolve(valid, log);
    const { districtCode } = resolved;

    let counts: ChangeCounts = { inserted: 0, updated: 0, unchanged: 0 };
    let batchesWritten = 0;
    if (districtCode !== null && resolved.ready.length > 0) {
      const written = await writeInBatches(db, {
        items: resolved.ready,
        batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
        actor: { ...options.actor, districtCode },
        action: `import.${spec.kind}`,
        objectType: spec.objectType,
        fileName,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.onWritten ? { onWritten: options.onWritten } : {}),
        ...(resolved.prepare ? { prepare: resolved.prepare } : {}),
        plan: (trx, batch) => resolved.plan(trx, districtCode, batch),
      });
      log.addAll(written.issues);
      counts = written.counts[spec.recordType] ?? counts;
      batchesWritten = written.batchesWritten;
    }

    return {
      kind: spec.kind,
      fileName,
      format,
      districtCode,
      rows,
      counts: { [spec.recordType]: { ...counts, rejected: log.rejectedRows.size } },
      issues: log.sorted(),
      batchesWritten,
      ms: Math.round(performance.now() - started),
    };
  });
}

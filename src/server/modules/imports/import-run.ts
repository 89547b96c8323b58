import type { Kysely } from 'kysely';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { refreshStatistics } from '../../db/statistics.ts';
import { type AuditActor, audit, SYSTEM_DISTRICT } from '../audit/audit.ts';
import { fileProblemOf } from './import-errors.ts';
import type { ImportIssue } from './reasons.ts';
import type { FileFormat } from './source.ts';

/** What can be imported, in the order a new district loads it (grids before the households in them). */
export const IMPORT_KINDS = ['hierarchy', 'households', 'enterprises', 'staff'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Kept for callers that named the file format this way. */
export type ImportFormat = FileFormat;

export interface ChangeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportCounts extends ChangeCounts {
  rejected: number;
}

/** One import's outcome in the same shape for every kind (the CLI prints it, the web shows it). */
export interface ImportResult {
  kind: ImportKind;
  fileName: string;
  districtCode: string | null;
  /** Non-blank data rows read. */
  rows: number;
  /** Counts per record type, e.g. { households: …, persons: … }. */
  counts: Record<string, ImportCounts>;
  /** Issues in the report (a row may have several). */
  issueCount: number;
  ms: number;
}

/** An importer's full outcome: the result, every issue for the report, and how it was written. */
export interface ImportRun extends Omit<ImportResult, 'issueCount'> {
  format: FileFormat;
  /** Every rejected row and why, in row order. */
  issues: ImportIssue[];
  /** Transactions that changed something (each wrote one audit row). */
  batchesWritten: number;
}

export interface ImportOptions {
  cipher: PiiCipher;
  /** Who imports; the audit rows go to the district of the file. */
  actor: Omit<AuditActor, 'districtCode'> & { districtCode?: string };
  /** Recorded in the audit log and the report; defaults to the file's base name. */
  fileName?: string;
  format?: FileFormat;
  /** Only this district is looked in (a signed-in user imports into their own district). */
  districtCode?: string;
  /** Records per transaction (households for the household import). */
  batchSize?: number;
  /** Bounds birth dates; tests pass a fixed day. */
  today?: Date;
  onProgress?: (message: string) => void;
  /** Records written so far of the valid ones, before the first batch and after each (the web's progress). */
  onWritten?: WrittenProgress;
}

export type WrittenProgress = (done: number, total: number) => Promise<void>;

export const DEFAULT_BATCH_SIZE = 5_000;

/** The district the import is restricted to: the option, else the signed-in user's. */
export function restrictedDistrict(options: ImportOptions): string | undefined {
  return options.districtCode ?? options.actor.principal?.districtCode;
}

export function resultOf(kind: ImportKind, run: ImportRun): ImportResult {
  return {
    kind,
    fileName: run.fileName,
    districtCode: run.districtCode,
    rows: run.rows,
    counts: run.counts,
    issueCount: run.issues.length,
    ms: run.ms,
  };
}

/**
 * Runs one import and leaves exactly one `import.run` audit row for it, whatever happened: with
 * the counts when it ran (even when nothing changed, so a no-change re-import is on record too),
 * or with the file problem when the file was refused. The batches' own rows (one per transaction
 * that changed data, in that transaction) come on top. The row goes to the file's district, else
 * the restricted one, else the deployment-wide chain.
 */
export async function auditedRun<R extends ImportRun>(
  db: Kysely<DB>,
  kind: ImportKind,
  fileName: string,
  options: ImportOptions,
  work: () => Promise<R>,
): Promise<R> {
  const write = (
    districtCode: string | null,
    result: 'success' | 'failure',
    detail: Record<string, unknown>,
  ) => {
    const actor: AuditActor = {
      ...options.actor,
      districtCode: districtCode ?? restrictedDistrict(options) ?? SYSTEM_DISTRICT,
    };
    return runTransaction(db, (trx) =>
      audit(trx, actor, {
        action: 'import.run',
        result,
        objectType: 'import',
        detail: { kind, file: fileName, ...detail },
      }),
    );
  };
  let run: R;
  try {
    run = await work();
  } catch (error) {
    const problem = fileProblemOf(error);
    if (problem !== null) await write(null, 'failure', { problem });
    throw error;
  }
  if (run.batchesWritten > 0) await refreshStatistics(db);
  await write(run.districtCode, 'success', {
    rows: run.rows,
    counts: run.counts,
    issues: run.issues.length,
    batches: run.batchesWritten,
  });
  return run;
}

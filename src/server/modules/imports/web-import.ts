import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { ImportRun } from '../../../shared/domain/transfer.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { claimRun, type RunProgress } from '../progress/progress.ts';
import { importFileError } from './import-errors.ts';
import { IMPORTERS, type ImportKind, type ImportKindHandler, type ImportResult } from './import-kinds.ts';
import { createImportRunsRepository } from './import-runs.repository.ts';

/**
 * An import through the web: the uploaded bytes go to a private temporary file, the kind's
 * importer (the same as the command line's) runs with the caller as actor and their district as
 * the only one it may write, and the run is kept with its summary and validation report for
 * download (the retention job clears old reports). The temporary files are removed whatever
 * happens.
 */

const RECENT_RUNS = 50;

const ZIP_MAGIC = Buffer.from('PK\u0003\u0004', 'latin1');
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** The format from the bytes: an XLSX is a ZIP archive; an old .xls is refused with advice. */
function formatOf(body: Buffer): 'xlsx' | 'csv' {
  const head = body.subarray(0, 4);
  if (head.equals(ZIP_MAGIC)) return 'xlsx';
  if (head.equals(OLE_MAGIC)) {
    throw importFileError('file.format', 'Old .xls workbooks are not read: save the file as .xlsx or .csv.');
  }
  return 'csv';
}

export interface WebImportOptions {
  cipher: PiiCipher;
  principal: Principal;
  sourceIp: string | null;
  kind: ImportKind;
  body: Buffer | undefined;
  fileName?: string | undefined;
  /** A run reserved for this upload (progress/progress.ts): its row shows the progress. */
  runId?: string | undefined;
  /** Records per transaction (MINQING_IMPORT_BATCH_SIZE): the progress moves once per batch. */
  batchSize?: number;
}

export async function runWebImport(
  db: Kysely<DB>,
  options: WebImportOptions,
): Promise<{ runId: string; result: ImportResult }> {
  const handler = IMPORTERS[options.kind];
  if (!handler) throw new AppError('NOT_FOUND', `Importing ${options.kind} is not available yet.`);
  const { principal } = options;
  const progress = options.runId
    ? await claimRun(db, principal, 'import', options.kind, options.runId)
    : null;
  try {
    return await importUpload(db, handler, options, progress);
  } catch (error) {
    // The caller needs the import's own error; a run that cannot be marked goes stale instead.
    await progress?.failed(error).catch(() => {});
    throw error;
  }
}

async function importUpload(
  db: Kysely<DB>,
  handler: ImportKindHandler,
  options: WebImportOptions,
  progress: RunProgress | null,
): Promise<{ runId: string; result: ImportResult }> {
  const { body, principal } = options;
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw importFileError('file.unreadable', 'The upload is empty: send the file as the request body.');
  }
  const format = formatOf(body);
  const fileName = options.fileName ?? `upload.${format}`;
  const actor: AuditActor = { principal, districtCode: principal.districtCode, sourceIp: options.sourceIp };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'minqing-import-'));
  try {
    const file = path.join(dir, `upload.${format}`);
    await fs.writeFile(file, body, { mode: 0o600 });
    const run = await handler.run(db, file, {
      cipher: options.cipher,
      actor,
      districtCode: principal.districtCode,
      fileName,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(progress ? { onWritten: progress.written } : {}),
    });
    const reportFile = path.join(dir, 'report.xlsx');
    await run.writeReport(reportFile);
    const report = await fs.readFile(reportFile);
    const runId = options.runId ?? uuidv7();
    await runTransaction(db, async (trx) => {
      const repo = createImportRunsRepository(trx);
      await repo.insert({
        district_code: principal.districtCode,
        id: runId,
        kind: options.kind,
        file_name: fileName.slice(0, 200),
        summary: run.result,
        report,
        created_by: principal.userId,
      });
      await audit(trx, actor, {
        action: 'import.uploaded',
        result: 'success',
        objectType: 'import_run',
        objectId: runId,
        detail: {
          kind: options.kind,
          file: fileName,
          rows: run.result.rows,
          counts: run.result.counts,
          issues: run.result.issueCount,
        },
      });
      // In the run's own transaction: a stream that reads "done" finds the run listed.
      if (progress) await progress.done(trx);
    });
    return { runId, result: run.result };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function listImportRuns(db: Kysely<DB>, districtCode: string): Promise<ImportRun[]> {
  const rows = await createImportRunsRepository(db).recent(districtCode, RECENT_RUNS);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as ImportRun['kind'],
    fileName: r.file_name,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by_name ?? '',
    result: r.summary as ImportRun['result'],
    hasReport: r.has_report,
  }));
}

import type { Writable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { sendXlsx } from '../../http/attachment.ts';
import type { Principal } from '../auth/principal.ts';
import { claimRun } from '../progress/progress.ts';
import { workbookBody } from './write-workbook.ts';

/** What an export knows before its first row: how many rows (a count, perhaps capped) and its file's name. */
export interface ExportHead {
  rows: number;
  fileName: { ascii: string; utf8: string };
}

/**
 * Answers with a streamed XLSX export. When the query names a run the caller reserved
 * (`progressId`, POST /api/v1/exports/runs), the run follows the export: `reading` while it is
 * planned (counted and audited), then rows written of the count every batch, then done or
 * failed — read by the caller's progress stream on whichever instance answers it.
 */
export async function sendExport<Plan extends ExportHead>(
  db: Kysely<DB>,
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    kind: string;
    progressId: string | undefined;
    plan: () => Promise<Plan>;
    write: (out: Writable, plan: Plan) => Promise<unknown>;
  },
) {
  const principal = request.principal as Principal;
  const run = options.progressId
    ? await claimRun(db, principal, 'export', options.kind, options.progressId)
    : null;
  let plan: Plan;
  try {
    plan = await options.plan();
    await run?.written(0, plan.rows);
  } catch (error) {
    // The caller needs the export's own error; a run that cannot be marked goes stale instead.
    await run?.failed(error).catch(() => {});
    throw error;
  }
  const body = workbookBody(
    request.log,
    (out) => options.write(out, plan),
    run ? { run, total: plan.rows } : undefined,
  );
  return sendXlsx(reply, plan.fileName, body, { 'x-export-rows': String(plan.rows) });
}

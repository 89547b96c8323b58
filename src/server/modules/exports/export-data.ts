import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { reaches } from '../../../shared/auth/reach.ts';
import { isPersonalKind, type TransferKind } from '../../../shared/domain/transfer.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { EXPORTERS, type ExportDefinition } from './export-kinds.ts';
import { createExportsRepository, type ExportFilter, type ExportRequestRow } from './exports.repository.ts';
import { fileDay } from './list-export.ts';
import { writeWorkbook } from './write-workbook.ts';

/**
 * One export, in two steps. `prepareExport` decides everything before a byte leaves: the kind,
 * the regions (in the caller's scope), whether personal fields go out in full (only with the
 * caller's own approved, unexpired, unused request covering the region, within the daily limit),
 * and records it: the request turns `used` and the audit row is written in one transaction (no
 * audit, no export). `streamExport` then writes the workbook. Masked exports need no request.
 */

export interface ExportPlan {
  definition: ExportDefinition;
  filter: ExportFilter;
  reveal: boolean;
  rows: number;
  fileName: { ascii: string; utf8: string };
}

export interface ExportRequestOptions {
  db: Kysely<DB>;
  cipher: PiiCipher;
  /** Personal exports allowed per user in 24 hours. */
  perDay: number;
  principal: Principal;
  sourceIp: string | null;
  kind: TransferKind;
  regionId?: string | undefined;
  /** Households or enterprises with this tag only. */
  tag?: string | undefined;
  requestId?: string | undefined;
  now?: Date;
}

const WINDOW_HOURS = 24;
const UNSAFE_IN_FILE_NAMES = /[\\/:*?"<>|\s]+/g;

export function exportFileName(
  definition: ExportDefinition,
  regions: { code: string; name: string }[],
  reveal: boolean,
  now: Date,
): { ascii: string; utf8: string } {
  // Staff read dates in China time, whatever the server's zone.
  const day = fileDay(now);
  const first = regions[0];
  const name = `${first?.name ?? ''}${regions.length > 1 ? '等' : ''}`.replace(UNSAFE_IN_FILE_NAMES, '');
  const code = (first?.code ?? 'scope').replace(/[^A-Za-z0-9-]/g, '');
  return {
    utf8: `${definition.label}-${name}-${day}${reveal ? '' : '-脱敏'}.xlsx`,
    ascii: `${definition.kind}-${code}-${day}-${reveal ? 'full' : 'masked'}.xlsx`,
  };
}

/** Why a request does not allow this export (a code for the audit row, words for its requester). */
function requestProblem(
  request: ExportRequestRow,
  kind: TransferKind,
  regionPath: string,
  now: Date,
): { code: string; message: string } | null {
  if (request.subject !== kind)
    return { code: 'kind', message: `That approval is for a ${request.subject} export.` };
  if (request.status === 'pending')
    return { code: 'pending', message: 'That request has not been approved yet.' };
  if (request.status === 'refused') return { code: 'refused', message: 'That request was refused.' };
  if (request.status === 'used') {
    return { code: 'used', message: 'That approval has been used already: each allows one export.' };
  }
  if (request.expires_at === null || request.expires_at <= now) {
    return { code: 'expired', message: 'That approval has expired.' };
  }
  if (!reaches(request.region_path, regionPath))
    return { code: 'region', message: `That approval covers ${request.region_name} only.` };
  return null;
}

async function auditDenial(
  db: Kysely<DB>,
  actor: AuditActor,
  kind: TransferKind,
  requestId: string,
  reason: string,
): Promise<void> {
  await runTransaction(db, (trx) =>
    audit(trx, actor, {
      action: `export.${kind}`,
      result: 'denied',
      objectType: 'export_request',
      objectId: requestId,
      detail: { personal: true, requestId, reason },
    }),
  );
}

/** Writes the audit row of an export (the CLI's too); with a request, uses it in the same transaction. */
export async function recordExport(
  trx: Kysely<DB>,
  actor: AuditActor,
  plan: ExportPlan,
  detail: { regionIds: string[]; requestId: string | null },
): Promise<void> {
  await audit(trx, actor, {
    action: `export.${plan.definition.kind}`,
    result: 'success',
    objectType: 'region',
    ...(detail.regionIds.length === 1 ? { objectId: detail.regionIds[0] as string } : {}),
    detail: {
      rows: plan.rows,
      personal: plan.reveal,
      requestId: detail.requestId,
      regionIds: detail.regionIds,
      ...(plan.filter.tag ? { tag: plan.filter.tag } : {}),
    },
  });
}

export async function prepareExport(options: ExportRequestOptions): Promise<ExportPlan> {
  const { db, principal, kind } = options;
  const now = options.now ?? new Date();
  const definition = EXPORTERS[kind];
  if (!definition) throw new AppError('NOT_FOUND', `Exporting ${kind} is not available yet.`);
  const repo = createExportsRepository(db);
  const scope = scopeFor(principal, 'data:export');
  const actor: AuditActor = { principal, districtCode: principal.districtCode, sourceIp: options.sourceIp };
  const { requestId } = options;
  if (options.tag && kind !== 'households' && kind !== 'enterprises') {
    throw new AppError('VALIDATION_FAILED', `A ${kind} export takes no tag.`, {
      issues: [{ path: 'querystring.tag', reason: 'not_tagged', message: 'no tags on this kind' }],
    });
  }

  let request: ExportRequestRow | undefined;
  if (requestId !== undefined) {
    if (!isPersonalKind(kind)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `A ${kind} export holds no personal data and needs no request.`,
        {
          issues: [{ path: 'querystring.requestId', reason: 'not_personal', message: 'no request needed' }],
        },
      );
    }
    const found = await repo.findRequest(principal.districtCode, requestId);
    // Someone else's request is answered like an unknown one.
    if (!found || found.requested_by !== principal.userId) {
      await auditDenial(db, actor, kind, requestId, 'not_own');
      throw new AppError('APPROVAL_REQUIRED', 'You have no export request with that id.');
    }
    request = found;
  }

  const regionId = options.regionId ?? request?.region_id;
  const regions = regionId
    ? [await repo.findRegionInScope(scope, regionId)]
    : await repo.regionsAtPaths(scope.districtCode, scope.paths);
  if (regions.some((r) => r === undefined)) throw new AppError('NOT_FOUND', 'No such region.');
  const found = regions as NonNullable<(typeof regions)[number]>[];
  if (found.length === 0) throw new AppError('NOT_FOUND', 'Your scope holds no region to export.');
  const filter: ExportFilter = {
    districtCode: principal.districtCode,
    paths: found.map((r) => r.path),
    ...(options.tag ? { tag: options.tag } : {}),
  };

  if (request && requestId !== undefined) {
    // A request names one region; a whole-scope export is covered only when the scope is that region.
    const problem = found.map((r) => requestProblem(request, kind, r.path, now)).find((p) => p !== null);
    if (problem) {
      await auditDenial(db, actor, kind, requestId, problem.code);
      throw new AppError('APPROVAL_REQUIRED', problem.message);
    }
  }

  const reveal = request !== undefined;
  const checkLimit = async (r: ReturnType<typeof createExportsRepository>) => {
    const used = await r.usedSince(principal.districtCode, principal.userId, WINDOW_HOURS);
    if (used.count < options.perDay) return;
    throw new AppError(
      'RATE_LIMITED',
      `At most ${options.perDay} personal-data exports in ${WINDOW_HOURS} hours; the approval stays valid.`,
      { retryAfterSeconds: used.secondsUntilFree },
    );
  };
  try {
    // Checked early so a refused export costs nothing, and again under the lock below.
    if (reveal) await checkLimit(repo);
    const plan: ExportPlan = {
      definition,
      filter,
      reveal,
      rows: await definition.count({ db, cipher: options.cipher, filter, reveal }),
      fileName: exportFileName(definition, found, reveal, now),
    };
    await runTransaction(db, async (trx) => {
      const inTrx = createExportsRepository(trx);
      if (reveal && requestId !== undefined) {
        await inTrx.lockUser(principal.districtCode, principal.userId);
        await checkLimit(inTrx);
        if (!(await inTrx.consume(principal.districtCode, requestId, principal.userId))) {
          throw new AppError('APPROVAL_REQUIRED', 'That approval has just been used or has expired.');
        }
      }
      await recordExport(trx, actor, plan, {
        regionIds: found.map((r) => r.id),
        requestId: requestId ?? null,
      });
    });
    return plan;
  } catch (error) {
    if (requestId !== undefined && error instanceof AppError && error.code !== 'NOT_FOUND') {
      await auditDenial(db, actor, kind, requestId, error.code.toLowerCase());
    }
    throw error;
  }
}

/** Writes the planned export into `out`; resolves with the rows written. */
export function streamExport(
  db: Kysely<DB>,
  cipher: PiiCipher,
  plan: ExportPlan,
  out: Writable,
): Promise<number> {
  return writeWorkbook(
    out,
    plan.definition.sheet,
    plan.definition.rows({ db, cipher, filter: plan.filter, reveal: plan.reveal }),
  );
}

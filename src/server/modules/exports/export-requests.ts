import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import {
  APPROVAL_VALID_HOURS,
  type ExportRequest,
  type ExportRequestAction,
  type PersonalKind,
} from '../../../shared/domain/transfer.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { actorOf, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import { dependentRequesters } from './approver-independence.ts';
import { createExportsRepository, type ExportRequestRow } from './exports.repository.ts';

/**
 * Approval records for exports with personal data in full (docs/specs/trust.md §15): a holder of
 * data:export asks with a reason, a security administrator (exports:approve) approves or refuses
 * — never their own request, and approves only when independent of the requester
 * (approver-independence.ts) — and an approval allows one export within 24 hours.
 */

const LIST_LIMIT = 200;

function statusOf(row: ExportRequestRow, now: Date): ExportRequest['status'] {
  if (row.status === 'approved' && (row.expires_at === null || row.expires_at <= now)) return 'expired';
  return row.status;
}

function actionsFor(
  row: ExportRequestRow,
  principal: Principal,
  now: Date,
  independent: boolean,
): ExportRequestAction[] {
  const status = statusOf(row, now);
  const own = row.requested_by === principal.userId;
  const actions: ExportRequestAction[] = [];
  if (status === 'pending' && !own && pathInScope(row.region_path, scopeFor(principal, 'exports:approve'))) {
    if (independent) actions.push('approve');
    actions.push('refuse');
  }
  if (status === 'approved' && own && pathInScope(row.region_path, scopeFor(principal, 'data:export'))) {
    actions.push('download');
  }
  return actions;
}

export function toExportRequest(
  row: ExportRequestRow,
  principal: Principal,
  now = new Date(),
  /** Whether the principal is independent of the requester (only matters to approvers). */
  independent = true,
): ExportRequest {
  return {
    id: row.id,
    kind: row.subject,
    regionId: row.region_id,
    regionName: row.region_name,
    reason: row.reason,
    status: statusOf(row, now),
    requestedBy: { id: row.requested_by, name: row.requester_name },
    requestedAt: row.requested_at.toISOString(),
    decidedBy: row.decider_name,
    decidedAt: row.decided_at?.toISOString() ?? null,
    decisionNote: row.decision_note,
    expiresAt: row.expires_at?.toISOString() ?? null,
    usedAt: row.used_at?.toISOString() ?? null,
    actions: actionsFor(row, principal, now, independent),
  };
}

export async function createExportRequest(
  db: Kysely<DB>,
  options: {
    principal: Principal;
    sourceIp: string | null;
    kind: PersonalKind;
    regionId: string;
    reason: string;
  },
): Promise<ExportRequest> {
  const { principal } = options;
  const repo = createExportsRepository(db);
  const region = await repo.findRegionInScope(scopeFor(principal, 'data:export'), options.regionId);
  if (!region) throw new AppError('NOT_FOUND', 'No such region.');
  const id = uuidv7();
  await runTransaction(db, async (trx) => {
    await createExportsRepository(trx).insertRequest({
      district_code: principal.districtCode,
      id,
      subject: options.kind,
      region_id: region.id,
      reason: options.reason,
      requested_by: principal.userId,
    });
    await audit(trx, actorOf(principal, options.sourceIp), {
      action: 'export_request.created',
      result: 'success',
      objectType: 'export_request',
      objectId: id,
      detail: { kind: options.kind, regionId: region.id, reason: options.reason },
    });
  });
  const row = await repo.findRequest(principal.districtCode, id);
  return toExportRequest(row as ExportRequestRow, principal);
}

/** The caller's own requests, newest first. */
export async function listOwnExportRequests(db: Kysely<DB>, principal: Principal): Promise<ExportRequest[]> {
  const rows = await createExportsRepository(db).listOwn(
    principal.districtCode,
    principal.userId,
    LIST_LIMIT,
  );
  const now = new Date();
  return rows.map((r) => toExportRequest(r, principal, now));
}

/** Requests for regions of the approver's scope, pending first. */
export async function listExportRequestsForReview(
  db: Kysely<DB>,
  principal: Principal,
  approverCreatorDays: number,
): Promise<ExportRequest[]> {
  const rows = await createExportsRepository(db).listForReview(
    scopeFor(principal, 'exports:approve'),
    LIST_LIMIT,
  );
  const now = new Date();
  const pendingRequesters = [
    ...new Set(rows.filter((r) => statusOf(r, now) === 'pending').map((r) => r.requested_by)),
  ];
  const dependent = await dependentRequesters(
    db,
    principal.districtCode,
    principal.userId,
    pendingRequesters,
    approverCreatorDays,
  );
  return rows.map((r) => toExportRequest(r, principal, now, !dependent.has(r.requested_by)));
}

export async function decideExportRequest(
  db: Kysely<DB>,
  options: {
    principal: Principal;
    sourceIp: string | null;
    id: string;
    decision: 'approved' | 'refused';
    note: string | null;
    /** See MINQING_EXPORT_APPROVER_CREATOR_DAYS. */
    approverCreatorDays: number;
  },
): Promise<ExportRequest> {
  const { principal, id, decision } = options;
  const repo = createExportsRepository(db);
  const row = await repo.findRequest(principal.districtCode, id);
  if (!row || !pathInScope(row.region_path, scopeFor(principal, 'exports:approve'))) {
    throw new AppError('NOT_FOUND', 'No such export request.');
  }
  if (row.requested_by === principal.userId) {
    throw new AppError('FORBIDDEN', 'Someone else must decide on your own export request.');
  }
  if (row.status !== 'pending') throw new AppError('CONFLICT', `The request is ${row.status} already.`);
  if (decision === 'approved') {
    const dependent = await dependentRequesters(
      db,
      principal.districtCode,
      principal.userId,
      [row.requested_by],
      options.approverCreatorDays,
    );
    if (dependent.size > 0) {
      // A refused attempt is itself worth an audit row: it may be someone trying to walk around the rule.
      await runTransaction(db, (trx) =>
        audit(trx, actorOf(principal, options.sourceIp), {
          action: 'export_request.approved',
          result: 'denied',
          objectType: 'export_request',
          objectId: id,
          detail: { reason: 'approver_not_independent', requestedBy: row.requested_by },
        }),
      );
      throw new AppError(
        'EXPORT_APPROVER_NOT_INDEPENDENT',
        `The approver created or reset the credentials of the requester's account (or shares an administrator with it) within ${options.approverCreatorDays} days; another security administrator must approve.`,
      );
    }
  }
  await runTransaction(db, async (trx) => {
    const decided = await createExportsRepository(trx).decide(principal.districtCode, id, {
      status: decision,
      decidedBy: principal.userId,
      note: options.note,
      validHours: APPROVAL_VALID_HOURS,
    });
    if (!decided) throw new AppError('CONFLICT', 'The request was decided meanwhile.');
    await audit(trx, actorOf(principal, options.sourceIp), {
      action: decision === 'approved' ? 'export_request.approved' : 'export_request.refused',
      result: 'success',
      objectType: 'export_request',
      objectId: id,
      detail: {
        kind: row.subject,
        regionId: row.region_id,
        requestedBy: row.requested_by,
        note: options.note,
      },
    });
  });
  return toExportRequest((await repo.findRequest(principal.districtCode, id)) as ExportRequestRow, principal);
}

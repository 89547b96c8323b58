import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Permission } from '../../../shared/auth/roles.ts';
import type { CreateCase } from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { audit } from '../audit/audit.ts';
import { scopeFor } from '../auth/scope.ts';
import { createEnterpriseRepository } from '../enterprises/enterprises.repository.ts';
import { createHouseholdRepository } from '../households/households.repository.ts';
import { enqueueCaseNotifications } from '../notifications/notify-case.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { nextCaseNumber } from './case-numbers.ts';
import type { CaseWriteContext } from './case-write-context.ts';
import { type CaseRow, createCaseRepository } from './cases.repository.ts';

/** A new case starts with the street's dispatcher (level 1); community intake is a grant away. */
export const INTAKE_LEVEL = 1;

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { issues: [{ path, reason: 'reference', message }] });

/**
 * Takes in a case from any channel. Whoever records it on behalf of a resident (a worker on a visit,
 * a clerk at the window) owns the feedback to the resident (首问负责); a case from the resident's own
 * report gets its first responder when a dispatcher accepts it. The number is taken before the
 * transaction (see case-numbers.ts).
 */
export async function submitCase(
  ctx: CaseWriteContext & { cipher: PiiCipher },
  body: CreateCase,
  options: {
    number?: string;
    /** The visit whose issue this case is (recorded in the visit's own transaction). */
    sourceVisitId?: string;
    /**
     * The permission whose scope the place must lie in: intake's own by default; an issue raised on
     * a visit is checked against the visiting scope that already let the visit be recorded there.
     */
    regionPermission?: Permission;
    /** Runs in the create's transaction just before the audit row (e.g. storing the idempotent answer). */
    beforeAudit?: (
      trx: Kysely<DB>,
      created: { id: string; number: string; version: number },
    ) => Promise<void>;
  } = {},
): Promise<{ id: string; number: string; version: number }> {
  const districtCode = ctx.principal.districtCode;
  const number = options.number ?? (await nextCaseNumber(ctx.db, districtCode, ctx.now));
  const id = uuidv7();
  await runTransaction(ctx.db, async (trx) => {
    const region = await createRegionRepository(trx).findInScope(
      scopeFor(ctx.principal, options.regionPermission ?? 'cases:create'),
      body.regionId,
    );
    if (!region) throw new AppError('NOT_FOUND', 'No such place in your area.');
    const repo = createCaseRepository(trx);
    if (body.categoryId && !(await repo.activeCategory(districtCode, body.categoryId))) {
      throw invalid('body.categoryId', 'No such active category.');
    }
    const { reporter } = body;
    if (reporter.householdId) {
      const h = await createHouseholdRepository(trx).findInScope(
        scopeFor(ctx.principal, 'households:read'),
        reporter.householdId,
      );
      if (!h) throw invalid('body.reporter.householdId', 'No such household in your area.');
    }
    if (reporter.enterpriseId) {
      const e = await createEnterpriseRepository(trx).findInScope(
        scopeFor(ctx.principal, 'enterprises:read'),
        reporter.enterpriseId,
      );
      if (!e) throw invalid('body.reporter.enterpriseId', 'No such enterprise in your area.');
    }
    if (body.linkedCaseId && !(await repo.exists(districtCode, body.linkedCaseId))) {
      throw invalid('body.linkedCaseId', 'No such case.');
    }
    const row: CaseRow = {
      district_code: districtCode,
      id,
      number,
      channel: body.channel,
      category_id: body.categoryId ?? null,
      kind: body.kind,
      urgency: body.urgency,
      list_type: body.listType,
      title: body.title,
      description: body.description,
      region_id: region.id,
      region_path: region.path,
      address: body.address ?? null,
      latitude: body.latitude ?? null,
      longitude: body.longitude ?? null,
      reporter_type: reporter.type,
      reporter_name: reporter.name ?? null,
      reporter_phone_enc: reporter.phone ? ctx.cipher.encrypt(reporter.phone) : null,
      reporter_phone_hash: reporter.phone ? ctx.cipher.hash(reporter.phone) : null,
      household_id: reporter.householdId ?? null,
      enterprise_id: reporter.enterpriseId ?? null,
      state: 'submitted' as const,
      level: INTAKE_LEVEL,
      unit_department_id: null,
      unit_region_id: null,
      unit_region_path: null,
      first_responder_id: ctx.principal.userId,
      submitted_by: ctx.principal.userId,
      next_due_at: null,
      merged_into_id: null,
      linked_case_id: body.linkedCaseId ?? null,
      source_visit_id: options.sourceVisitId ?? null,
      accepted_at: null,
      replied_at: null,
      closed_at: null,
      last_progress_at: null,
      created_at: ctx.now,
      updated_at: ctx.now,
      on_spot: false,
      reopen_count: 0,
      latest_rating: null,
      unreachable_attempts: 0,
      extension_pending: false,
      open_tasks: 0,
      escalations: 0,
      whistles: 0,
      overdue: false,
      supervised: false,
      version: 1,
    };
    await repo.insert(row);
    await repo.insertEvent(districtCode, id, 1, {
      id: uuidv7(),
      action: 'submit',
      from_state: null,
      to_state: 'submitted',
      actor_id: ctx.principal.userId,
      actor_name: ctx.principal.displayName,
      reason: null,
      detail: { channel: body.channel, ...(options.sourceVisitId ? { visit: options.sourceVisitId } : {}) },
    });
    await enqueueCaseNotifications(trx, {
      row,
      action: 'submit',
      actorId: ctx.principal.userId,
      now: ctx.now,
    });
    await options.beforeAudit?.(trx, { id, number, version: 1 });
    // The audit row last: it locks the district's chain head until commit, so keep that short.
    await audit(trx, ctx.actor, {
      action: 'case.submitted',
      result: 'success',
      objectType: 'case',
      objectId: id,
      detail: { number, channel: body.channel, region: region.id },
    });
  });
  return { id, number, version: 1 };
}

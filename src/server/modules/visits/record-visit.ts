import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { grantPath, reaches } from '../../../shared/auth/reach.ts';
import { ROLE_PERMISSIONS, type Role } from '../../../shared/auth/roles.ts';
import { distanceMetres } from '../../../shared/cases/similarity.ts';
import { calendarOf } from '../../../shared/domain/assessment-rules.ts';
import type { CreateCase } from '../../../shared/domain/case.ts';
import { aidTotal, type CreatedVisit, type CreateVisit } from '../../../shared/domain/visit.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { isSentDown } from '../../../shared/figures/visit-figures.ts';
import { positionOf } from '../../../shared/map/position.ts';
import { isNight } from '../../../shared/visits/night.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { writeBatch } from '../../db/write-batch.ts';
import { readAssessmentRules } from '../assessment/assessment-rules.ts';
import { audit } from '../audit/audit.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import { nextCaseNumber } from '../cases/case-numbers.ts';
import { resolveVisitIssue } from '../cases/resolve-visit-issue.ts';
import { submitCase } from '../cases/submit-case.ts';
import { recordCoverageFigures } from '../coverage/coverage-figures.ts';
import { createEnterpriseRepository } from '../enterprises/enterprises.repository.ts';
import { createHouseholdRepository } from '../households/households.repository.ts';
import { recordKeyInfo } from '../key-households/record-key-info.ts';
import { recordOpinions } from '../opinions/record-opinions.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { loadVisitSettings } from '../visit-plans/visit-settings.ts';
import { recordVisitFigures } from './visit-figures.ts';
import type { VisitWriteContext } from './visit-write-context.ts';
import { createVisitRepository, type VisitRepository, type VisitTarget } from './visits.repository.ts';

/** How far ahead of the server's clock a visit may say it started (a phone's clock runs fast). */
const CLOCK_SKEW_MS = 3_600_000;

const invalid = (path: string, message: string, reason = 'reference') =>
  new AppError('VALIDATION_FAILED', message, { issues: [{ path, reason, message }] });

/** The target in the caller's visiting scope: where the visit counts, and what its issues name. */
interface ResolvedTarget {
  ref: VisitTarget;
  regionId: string;
  regionPath: string;
  address: string;
  reporter: CreateCase['reporter'];
  isKeyHousehold: boolean;
  /** The household's or enterprise's own coordinates, when it has them. */
  position: { latitude: number; longitude: number } | null;
}

async function resolveTarget(
  trx: Kysely<DB>,
  ctx: VisitWriteContext,
  target: CreateVisit['target'],
  startedAt: Date,
): Promise<ResolvedTarget> {
  const scope = scopeFor(ctx.principal, 'visits:write');
  if (target.type === 'household') {
    // A visit made offline reaches the server later: a household that moved out after it started
    // was still there to visit (and counts as covered, docs/specs/workflow.md "coverage").
    const h = await createHouseholdRepository(trx).findInScope(scope, target.householdId, startedAt);
    if (!h) throw new AppError('NOT_FOUND', 'No such household in your area.');
    return {
      ref: { type: 'household', id: h.id },
      regionId: h.grid_id,
      regionPath: h.region_path,
      address: h.address,
      reporter: { type: 'household', householdId: h.id },
      isKeyHousehold: h.is_key,
      position: positionOf(h),
    };
  }
  if (target.type === 'enterprise') {
    const e = await createEnterpriseRepository(trx).findInScope(scope, target.enterpriseId);
    if (!e) throw new AppError('NOT_FOUND', 'No such enterprise in your area.');
    return {
      ref: { type: 'enterprise', id: e.id },
      regionId: e.grid_id,
      regionPath: e.region_path,
      address: e.address,
      reporter: { type: 'enterprise', enterpriseId: e.id, name: e.name.slice(0, 50) },
      isKeyHousehold: false,
      position: positionOf(e),
    };
  }
  const region = await createRegionRepository(trx).findInScope(scope, target.regionId);
  if (!region) throw new AppError('NOT_FOUND', 'No such place in your area.');
  return {
    ref: { type: target.type, regionId: region.id, placeName: target.placeName },
    regionId: region.id,
    regionPath: region.path,
    address: target.placeName,
    // Voices heard at a forum or a collection point come from residents the record does not name.
    reporter: { type: 'resident' },
    isKeyHousehold: false,
    position: null,
  };
}

const VISITING_ROLES = new Set(
  (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes('visits:write')),
);

/**
 * Everyone who went along must be an active user of the district whose visiting scope (a grant with
 * visits:write) reaches the target: a diary entry cannot credit people who could not have gone.
 * Answers the companions' roles (the visit's figures ask whether a leader or cadre went).
 */
async function checkCompanions(
  repo: VisitRepository,
  ctx: VisitWriteContext,
  companionIds: string[],
  targetPath: string,
): Promise<string[]> {
  const districtCode = ctx.principal.districtCode;
  const rows = await repo.userGrants(districtCode, companionIds);
  companionIds.forEach((id, index) => {
    const goes = rows.some(
      (g) =>
        g.id === id &&
        g.active &&
        g.role !== null &&
        VISITING_ROLES.has(g.role as Role) &&
        g.scope_department_id === null &&
        reaches(grantPath(g.path, districtCode), targetPath),
    );
    if (!goes)
      throw invalid(
        `body.companionIds.${index}`,
        'A companion must be an active colleague whose visiting area includes the target.',
      );
  });
  return rows.flatMap((g) => (g.role ? [g.role] : []));
}

/**
 * What the visits of one field-sync batch share, read once per batch instead of once per visit:
 * the district's visit settings and assessment calendar (a batch is one transaction, so they
 * cannot change under it). A batch has also locked its households and enterprises up front
 * (sync-visits.ts), which makes the coverage figures' own lock on the target redundant.
 */
export interface VisitBatch {
  settings?: ReturnType<typeof loadVisitSettings>;
  rules?: ReturnType<typeof readAssessmentRules>;
}

/** A batch's shared read, made by its first visit and awaited by the rest; without a batch, made now. */
function readOnce<K extends keyof VisitBatch>(
  batch: VisitBatch | undefined,
  key: K,
  read: () => NonNullable<VisitBatch[K]>,
): NonNullable<VisitBatch[K]> {
  if (!batch) return read();
  batch[key] ??= read();
  return batch[key] as NonNullable<VisitBatch[K]>;
}

/**
 * Records a visit in one transaction: the target checked in the caller's visiting scope, the
 * companions, night and distance flags, the visitors, the target's last visit, the "五个要" record
 * of a key household, and each issue as a case through the case loop (submitted, or closed as
 * resolved on the spot), the opinions heard, then one audit row. Case numbers are reserved before the transaction.
 */
export async function recordVisit(
  ctx: VisitWriteContext,
  body: CreateVisit,
  options: {
    /** Runs in the visit's transaction just before its audit row (the idempotent answer). */
    beforeAudit?: (trx: Kysely<DB>, created: CreatedVisit) => Promise<void>;
    /**
     * The issues' case numbers, reserved by a caller that runs the visit inside its own
     * transaction (the field sync's batch), since numbers are reserved outside transactions.
     */
    numbers?: readonly string[];
    /** The field sync's batch this visit belongs to: what its visits read once and share. */
    batch?: VisitBatch;
  } = {},
): Promise<CreatedVisit> {
  const districtCode = ctx.principal.districtCode;
  const startedAt = new Date(body.startedAt);
  const endedAt = new Date(body.endedAt);
  if (startedAt.getTime() > ctx.now.getTime() + CLOCK_SKEW_MS)
    throw invalid('body.startedAt', 'A visit cannot start in the future.', 'future');
  const numbers = [...(options.numbers ?? [])];
  while (numbers.length < body.issues.length)
    numbers.push(await nextCaseNumber(ctx.db, districtCode, ctx.now));
  const id = uuidv7();

  return runTransaction(ctx.db, async (trx) => {
    const repo = createVisitRepository(trx);
    const target = await resolveTarget(trx, ctx, body.target, startedAt);
    const companionIds = [...new Set(body.companionIds)].filter((u) => u !== ctx.principal.userId);
    const companionRoles = await checkCompanions(repo, ctx, companionIds, target.regionPath);

    const batch = options.batch;
    const settings = await readOnce(batch, 'settings', () =>
      loadVisitSettings(trx, districtCode, ctx.visitDefaults),
    );
    const night = isNight(startedAt, endedAt, { from: settings.nightFrom, to: settings.nightTo });
    // The target's known location: its own coordinates when it has them (so even a first check-in
    // is measured), otherwise an earlier check-in at the same target, the first of which sets it.
    const known = body.checkIn
      ? (target.position ?? (await repo.lastCheckIn(districtCode, target.ref, startedAt)))
      : undefined;
    const distanceM =
      body.checkIn && known?.latitude != null && known.longitude != null
        ? Math.round(distanceMetres(body.checkIn, { latitude: known.latitude, longitude: known.longitude }))
        : null;
    const far = distanceM !== null && distanceM > settings.farMetres;

    let keyRecordId: string | null = null;
    if (body.keyRecord) {
      if (target.ref.type !== 'household' || !target.isKeyHousehold)
        throw invalid('body.keyRecord', 'The "五个要" record is for key households only.', 'not_key');
      if (!pathInScope(target.regionPath, scopeFor(ctx.principal, 'households:write')))
        throw invalid('body.keyRecord', 'You may not keep key-household records here.', 'not_permitted');
      keyRecordId = await recordKeyInfo(
        { db: trx, principal: ctx.principal, actor: ctx.actor },
        target.ref.id,
        body.keyRecord,
        { visitId: id },
      );
    }

    // The visitors, the target's last visit and the figures go with the audit row (db/write-batch.ts).
    const writes = writeBatch();
    const householdId = target.ref.type === 'household' ? target.ref.id : null;
    const enterpriseId = target.ref.type === 'enterprise' ? target.ref.id : null;
    const forum =
      body.target.type === 'forum' || body.target.type === 'collection_point' ? body.target : null;
    await repo.insert(
      {
        district_code: districtCode,
        id,
        form: body.form,
        target_type: body.target.type,
        household_id: householdId,
        enterprise_id: enterpriseId,
        region_id: target.regionId,
        region_path: target.regionPath,
        place_name: forum?.placeName ?? null,
        attendance: forum?.attendance ?? null,
        started_at: startedAt,
        ended_at: endedAt,
        is_night: night,
        latitude: body.checkIn?.latitude ?? null,
        longitude: body.checkIn?.longitude ?? null,
        distance_m: distanceM,
        far,
        notes: body.notes,
        services: JSON.stringify([...new Set(body.services)]),
        aid_amounts: JSON.stringify(body.aidAmounts ?? {}),
        key_record_id: keyRecordId,
        recorded_by: ctx.principal.userId,
        created_at: ctx.now,
      },
      [ctx.principal.userId, ...companionIds],
      writes,
    );
    if (householdId) await repo.touchLastVisit(districtCode, 'household', householdId, startedAt, writes);
    if (enterpriseId) await repo.touchLastVisit(districtCode, 'enterprise', enterpriseId, startedAt, writes);
    const rules = await readOnce(batch, 'rules', () => readAssessmentRules(trx, districtCode));
    await recordCoverageFigures(
      trx,
      districtCode,
      { id, startedAt, regionId: target.regionId },
      { type: target.ref.type, id: householdId ?? enterpriseId },
      calendarOf(rules),
      { targetLocked: batch !== undefined, batch: writes },
    );

    const caseCtx = { db: trx, principal: ctx.principal, actor: ctx.actor, now: ctx.now, cipher: ctx.cipher };
    const cases: CreatedVisit['cases'] = [];
    for (const [index, issue] of body.issues.entries()) {
      const created = await submitCase(
        caseCtx,
        {
          channel: 'visit',
          kind: issue.kind,
          urgency: issue.urgency,
          listType: issue.listType,
          title: issue.title,
          description: issue.description,
          regionId: target.regionId,
          address: target.address.slice(0, 200),
          ...(issue.categoryId ? { categoryId: issue.categoryId } : {}),
          ...(body.checkIn ? { latitude: body.checkIn.latitude, longitude: body.checkIn.longitude } : {}),
          reporter: target.reporter,
        },
        {
          number: numbers[index] as string,
          sourceVisitId: id,
          regionPermission: 'visits:write',
          reporterVouched: true,
        },
      );
      if (issue.resolvedOnSpot) {
        await resolveVisitIssue(caseCtx, {
          caseId: created.id,
          visitId: id,
          resolution: issue.resolution ?? '',
        });
      }
      cases.push({ id: created.id, number: created.number, onSpot: issue.resolvedOnSpot });
    }

    // Opinions are counted apart from problems: kept as heard, a case only when promoted.
    const opinionIds = await recordOpinions(
      trx,
      {
        districtCode,
        id,
        regionId: target.regionId,
        regionPath: target.regionPath,
        recordedBy: ctx.principal.userId,
        at: startedAt,
      },
      body.opinions,
    );

    // The figures kept beside the visits, in the visit's own transaction (visit-figures.ts).
    await recordVisitFigures(
      trx,
      districtCode,
      { startedAt, regionId: target.regionId, recordedBy: ctx.principal.userId },
      {
        byLeaderOrCadre: isSentDown([...ctx.principal.grants.map((g) => g.role), ...companionRoles]),
        targetType: body.target.type,
        form: body.form,
        isNight: night,
        problems: body.issues.length,
        solvedOnSpot: body.issues.filter((i) => i.resolvedOnSpot).length,
        opinions: opinionIds.length,
        attendance: forum?.attendance ?? 0,
        aidYuan: aidTotal(body.aidAmounts ?? {}),
      },
      writes,
    );

    const result: CreatedVisit = { id, isNight: night, far, distanceM, cases };
    await options.beforeAudit?.(trx, result);
    await audit(
      trx,
      ctx.actor,
      {
        action: 'visit.recorded',
        result: 'success',
        objectType: 'visit',
        objectId: id,
        detail: {
          form: body.form,
          target: body.target.type,
          ...(householdId ? { household: householdId } : {}),
          ...(enterpriseId ? { enterprise: enterpriseId } : {}),
          region: target.regionId,
          companions: companionIds,
          night,
          distanceM,
          far,
          cases: cases.map((c) => c.number),
          ...(body.aidAmounts && Object.keys(body.aidAmounts).length > 0 ? { aid: body.aidAmounts } : {}),
          ...(opinionIds.length > 0 ? { opinions: opinionIds } : {}),
          ...(keyRecordId ? { keyRecord: keyRecordId } : {}),
        },
      },
      writes,
    );
    return result;
  });
}

import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { reaches } from '../../../shared/auth/reach.ts';
import type { Permission } from '../../../shared/auth/roles.ts';
import { intakeLevel } from '../../../shared/cases/levels.ts';
import type { CreateCase } from '../../../shared/domain/case.ts';
import { staffIntakeTextsStatusLink } from '../../../shared/domain/resident-status.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import type { WriteBatch } from '../../db/write-batch.ts';
import { caseScopeFor, scopeFor } from '../auth/scope.ts';
import { readAtVersion } from '../auth/versioned-cache.ts';
import { createEnterpriseRepository } from '../enterprises/enterprises.repository.ts';
import { createHouseholdRepository } from '../households/households.repository.ts';
import { issueStatusLink } from '../resident-status/issue-status-link.ts';
import { changeBy } from './case-change.ts';
import { nextCaseNumber } from './case-numbers.ts';
import { createCaseRulesRepository } from './case-rules.repository.ts';
import type { CaseWriteContext } from './case-write-context.ts';
import { createCaseRepository } from './cases.repository.ts';
import { newCaseRow, recordNewCase } from './record-new-case.ts';

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { issues: [{ path, reason: 'reference', message }] });

/**
 * Takes in a case from any channel, at the level where it arrives (shared/cases/levels.ts). Whoever records it on behalf of a resident (a worker on a visit,
 * a clerk at the window) owns the feedback to the resident (首问负责); a case from the resident's own
 * report gets its first responder when a dispatcher accepts it. The number is taken before the
 * transaction (see case-numbers.ts). A staff intake is written in one statement (`inOneStatement`):
 * its reads go before it, unlocked, as a transaction in READ COMMITTED would have read them.
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
    /**
     * The reporter's household or enterprise was found by the caller: a visit's target, in the
     * visiting scope that let the visit be recorded (a household that moved out after the visit
     * included). It is not looked up again in the households:read or enterprises:read scope,
     * which a liaison visiting enterprises and households need not hold.
     */
    reporterVouched?: boolean;
    /**
     * Runs in the create's transaction, before its audit row (e.g. storing the idempotent answer);
     * in a create made in one statement, with the batch its writes must be held in.
     */
    alsoWrite?: (
      trx: Kysely<DB>,
      created: { id: string; number: string; version: number },
      batch?: WriteBatch,
    ) => Promise<void>;
    /**
     * Write the case in one statement outside a transaction (docs/adr/0004-one-statement-intake.md):
     * one round trip and one commit. `alsoWrite` must then hold its writes in the batch it is given.
     */
    inOneStatement?: boolean;
  } = {},
): Promise<{ id: string; number: string; version: number }> {
  const districtCode = ctx.principal.districtCode;
  const number = options.number ?? (await nextCaseNumber(ctx.db, districtCode, ctx.now));
  const id = uuidv7();
  const alone = options.inOneStatement === true && !ctx.db.isTransaction;
  const write = async (trx: Kysely<DB>) => {
    const intakeScope = scopeFor(ctx.principal, options.regionPermission ?? 'cases:create');
    // The place, the category and the hotline's level in one read (issue 16 §1: few round trips),
    // kept in memory under the auth version this request read (versioned-cache.ts). The
    // district's hotline setting matters to 12345 orders only: other channels do not read it.
    const hotline = body.channel === 'hotline_12345';
    const categoryId = body.categoryId ?? null;
    const region = await readAtVersion(
      trx,
      ctx.principal,
      `intake:${intakeScope.paths.join(',')}:${body.regionId}:${categoryId}:${hotline}`,
      () =>
        createCaseRulesRepository(trx).intakeReferences(intakeScope, body.regionId, categoryId, { hotline }),
      // An inactive category is refused below and not kept: it may be created or restored.
      (found) => found.categoryActive,
    );
    if (!region) throw new AppError('NOT_FOUND', 'No such place in your area.');
    if (!region.categoryActive) throw invalid('body.categoryId', 'No such active category.');
    const repo = createCaseRepository(trx);
    const { reporter } = body;
    if (reporter.householdId && !options.reporterVouched) {
      const h = await createHouseholdRepository(trx).findInScope(
        scopeFor(ctx.principal, 'households:read'),
        reporter.householdId,
      );
      if (!h) throw invalid('body.reporter.householdId', 'No such household in your area.');
    }
    if (reporter.enterpriseId && !options.reporterVouched) {
      const e = await createEnterpriseRepository(trx).findInScope(
        scopeFor(ctx.principal, 'enterprises:read'),
        reporter.enterpriseId,
      );
      if (!e) throw invalid('body.reporter.enterpriseId', 'No such enterprise in your area.');
    }
    // A case outside the caller's case scope is refused exactly like an unknown one (docs/specs/trust.md §7).
    if (body.linkedCaseId && !(await repo.findInScope(caseScopeFor(ctx.principal), body.linkedCaseId))) {
      throw invalid('body.linkedCaseId', 'No such case in your area.');
    }
    const row = newCaseRow({
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
      first_responder_id: ctx.principal.userId,
      submitted_by: ctx.principal.userId,
      linked_case_id: body.linkedCaseId ?? null,
      source_visit_id: options.sourceVisitId ?? null,
      created_at: ctx.now,
      intake_level: intakeLevel({
        channel: body.channel,
        placePath: region.path,
        recorderPaths: intakeScope.paths.filter((p) => reaches(p, region.path)),
        hotlineLevel: region.hotlineLevel,
      }),
    });
    await recordNewCase(trx, row, changeBy(ctx.principal, ctx.actor), {
      eventDetail: options.sourceVisitId ? { visit: options.sourceVisitId } : {},
      alsoWrite: async (batch) => {
        // Held with the case when it is one statement; else written in its transaction.
        const held = alone ? batch : undefined;
        // A resident taken in with their phone gets their status link by text (issue 15 §2).
        if (reporter.phone && staffIntakeTextsStatusLink(body.channel, reporter.type)) {
          await issueStatusLink(
            trx,
            { districtCode, caseId: id, caseNumber: number, phone: reporter.phone, now: ctx.now },
            held,
          );
        }
        await options.alsoWrite?.(trx, { id, number, version: 1 }, held);
      },
    });
  };
  if (alone) await write(ctx.db);
  else await runTransaction(ctx.db, write);
  return { id, number, version: 1 };
}

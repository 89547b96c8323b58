import type { CreatedVisit, CreateVisit, SyncBatch, SyncResult } from '../../../shared/domain/visit.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { ERROR_CODES } from '../../../shared/errors/codes.ts';
import { isRetryableDbError, withRetry } from '../../db/retry.ts';
import { carryAuditHeads } from '../audit/audit.ts';
import { nextCaseNumber } from '../cases/case-numbers.ts';
import { createIdempotencyRepository } from '../cases/idempotency.repository.ts';
import { idempotent } from '../cases/idempotency.ts';
import { recordVisit, type VisitBatch } from './record-visit.ts';
import type { VisitWriteContext } from './visit-write-context.ts';
import { createVisitRepository } from './visits.repository.ts';

/**
 * Records one visit at most once per key and caller: the same key and visit answer the first
 * result (also across POST /visits and the sync, whose keys are the field app's client ids);
 * another visit under the same key is refused.
 */
export function recordVisitOnce(
  ctx: VisitWriteContext,
  body: CreateVisit,
  key: string | undefined,
  idempotencyDays: number,
) {
  return idempotent<CreatedVisit>(ctx.db, onceFor(ctx, body, key, idempotencyDays), (complete) =>
    recordVisit(ctx, body, { beforeAudit: complete }),
  );
}

/** A visit's idempotency: per caller, keyed by the field app's client id. */
function onceFor(ctx: VisitWriteContext, body: CreateVisit, key: string | undefined, days: number) {
  return {
    ref: { districtCode: ctx.principal.districtCode, owner: ctx.principal.userId },
    key,
    body,
    days,
    status: 201,
  };
}

/**
 * The field app's sync: the whole batch in one transaction, each queued visit under its own
 * savepoint and key (issue 16 §4), so one refused visit rolls back alone while the rest commit
 * together — one durable commit per batch instead of one per visit — and a replayed batch creates
 * nothing twice. The answer lists the visits in the order sent: 201 created, 200 already recorded
 * (the first answer), or the problem's status and code. Errors that are not the visit's fault (the
 * database is gone) fail the whole request and nothing of it commits; the retry redoes it. A batch
 * that keeps meeting deadlocks falls back to a transaction per visit. The issues' case numbers
 * are reserved before the transaction (case-numbers.ts).
 */
export async function syncVisits(
  ctx: VisitWriteContext,
  batch: SyncBatch,
  idempotencyDays: number,
): Promise<SyncResult> {
  const numbers: string[][] = [];
  for (const { visit } of batch.visits) {
    const mine: string[] = [];
    for (const _ of visit.issues)
      mine.push(await nextCaseNumber(ctx.db, ctx.principal.districtCode, ctx.now));
    numbers.push(mine);
  }
  const inOneTransaction = () =>
    withRetry(async () => {
      const trx = await ctx.db.startTransaction().setIsolationLevel('read committed').execute();
      try {
        await createVisitRepository(trx).lockTargets(ctx.principal.districtCode, targetsOf(batch));
        const shared: VisitBatch = {};
        // One read for the batch's keys instead of one per visit: a first sync finds none.
        const held = await createIdempotencyRepository(trx).held(
          { districtCode: ctx.principal.districtCode, owner: ctx.principal.userId },
          batch.visits.map((v) => v.clientId),
        );
        const results: SyncResult['results'] = [];
        for (const [index, { clientId, visit }] of batch.visits.entries()) {
          const point = await trx.savepoint('visit').execute();
          // The audit chain's head this batch holds, known without a read while the visits succeed.
          carryAuditHeads(trx, point);
          try {
            const done = await idempotent<CreatedVisit>(
              point,
              { ...onceFor(ctx, visit, clientId, idempotencyDays), free: !held.has(clientId) },
              (complete) =>
                recordVisit({ ...ctx, db: point, now: new Date() }, visit, {
                  beforeAudit: complete,
                  numbers: numbers[index] ?? [],
                  batch: shared,
                }),
            );
            // A replay found only once the visit was written (a concurrent sync of the same batch
            // committed first) must leave nothing of this attempt behind.
            if (done.replayed) await point.rollbackToSavepoint('visit').execute();
            else {
              await point.releaseSavepoint('visit').execute();
              carryAuditHeads(point, trx);
            }
            results.push(answered(clientId, done));
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            await point.rollbackToSavepoint('visit').execute();
            results.push(refused(clientId, error));
          }
        }
        await trx.commit().execute();
        return { results };
      } catch (error) {
        await trx
          .rollback()
          .execute()
          .catch(() => {});
        throw error;
      }
    }, BATCH_ATTEMPTS);
  try {
    return await inOneTransaction();
  } catch (error) {
    if (!isRetryableDbError(error)) throw error;
  }
  // A batch holds its rows' locks until it commits; beside other writers (other devices, the
  // figures and sweeper jobs) it can keep meeting deadlocks. Then each visit goes in its own
  // transaction, as short as a single visit's: slower, but it cannot starve.
  const results: SyncResult['results'] = [];
  for (const [index, { clientId, visit }] of batch.visits.entries()) {
    try {
      const done = await idempotent<CreatedVisit>(
        ctx.db,
        onceFor(ctx, visit, clientId, idempotencyDays),
        (complete) =>
          recordVisit({ ...ctx, now: new Date() }, visit, {
            beforeAudit: complete,
            numbers: numbers[index] ?? [],
          }),
      );
      results.push(answered(clientId, done));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push(refused(clientId, error));
    }
  }
  return { results };
}

type SyncAnswer = SyncResult['results'][number];

/** A visit's line in the answer: 201 created, or 200 with the first answer when replayed. */
const answered = (clientId: string, done: { replayed: boolean; body: CreatedVisit }): SyncAnswer => ({
  clientId,
  status: done.replayed ? 200 : 201,
  visit: done.body,
  code: null,
});

/** A refused visit's line: its problem's status and code. */
const refused = (clientId: string, error: AppError): SyncAnswer => ({
  clientId,
  status: ERROR_CODES[error.code].status,
  visit: null,
  code: error.code,
});

/** Tries of the whole batch in one transaction before it falls back to a transaction per visit. */
const BATCH_ATTEMPTS = 1;

/** The households and enterprises a batch visits, to lock before it writes. */
function targetsOf(batch: SyncBatch) {
  const targets = { household: [] as string[], enterprise: [] as string[] };
  for (const { visit } of batch.visits) {
    if (visit.target.type === 'household') targets.household.push(visit.target.householdId);
    if (visit.target.type === 'enterprise') targets.enterprise.push(visit.target.enterpriseId);
  }
  return targets;
}

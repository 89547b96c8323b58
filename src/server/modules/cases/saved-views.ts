import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { savedViewInputSchema } from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { createCaseViewRepository } from './case-views.repository.ts';
import type { CaseWriteContext } from './case-write-context.ts';

/** Saves the caller's queue filters under a name of their own. */
export async function saveView(
  ctx: CaseWriteContext,
  body: z.infer<typeof savedViewInputSchema>,
): Promise<string> {
  const id = uuidv7();
  try {
    await runTransaction(ctx.db, async (trx) => {
      await createCaseViewRepository(trx).insert({
        district_code: ctx.principal.districtCode,
        id,
        user_id: ctx.principal.userId,
        name: body.name,
        filters: body.filters,
      });
      await audit(trx, ctx.actor, {
        action: 'case_view.saved',
        result: 'success',
        objectType: 'case_view',
        objectId: id,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'You already have a view with this name.');
    throw error;
  }
  return id;
}

/**
 * Deletes one of the caller's own saved views. Idempotent: a view that is gone, or someone else's,
 * changes nothing and says nothing about itself.
 */
export async function deleteView(ctx: CaseWriteContext, id: string): Promise<void> {
  await runTransaction(ctx.db, async (trx) => {
    if (!(await createCaseViewRepository(trx).remove(ctx.principal.districtCode, ctx.principal.userId, id)))
      return;
    await audit(trx, ctx.actor, {
      action: 'case_view.deleted',
      result: 'success',
      objectType: 'case_view',
      objectId: id,
    });
  });
}

import type { z } from 'zod';
import type { bulkActionSchema, bulkResultSchema } from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { CaseWriteContext } from './case-write-context.ts';
import { dispatchCase } from './dispatch-actions.ts';
import { acceptCase } from './intake-actions.ts';

/**
 * Bulk accept or dispatch from the workbench: each case is its own use case and transaction, so one
 * stale or refused case does not hold back the others; the answer says what happened to each.
 */
export async function bulkAction(
  ctx: CaseWriteContext,
  body: z.infer<typeof bulkActionSchema>,
): Promise<z.infer<typeof bulkResultSchema>> {
  const results: z.infer<typeof bulkResultSchema>['results'] = [];
  for (const c of body.cases) {
    try {
      const done =
        body.action === 'accept'
          ? await acceptCase(ctx, c.id, c.version, {})
          : await dispatchCase(ctx, c.id, c.version, { unit: body.unit as NonNullable<typeof body.unit> });
      results.push({ id: c.id, ok: true, code: null, version: done.version });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id: c.id, ok: false, code: error.code, version: null });
    }
  }
  return { results };
}

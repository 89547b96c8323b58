import type { ActionBodies } from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { applyCaseAction } from './apply-action.ts';
import type { CaseWriteContext } from './case-write-context.ts';
import { type CasePatch, createCaseRepository } from './cases.repository.ts';

const FIELDS = [
  ['categoryId', 'category_id'],
  ['kind', 'kind'],
  ['urgency', 'urgency'],
  ['listType', 'list_type'],
] as const;

/**
 * Sets or corrects a case's category, kind, urgency and list (分类), through the one change path:
 * an event and an audit row naming what changed from what, and the rollup hook moves the case's
 * counters to its new category (case-figures.ts keys them by category). Running clocks keep their
 * deadlines; clocks started later follow the new urgency and category.
 */
export function classifyCase(
  ctx: CaseWriteContext,
  caseId: string,
  version: number,
  body: ActionBodies['classify'],
) {
  return applyCaseAction(ctx, {
    caseId,
    version,
    action: 'classify',
    effect: async (trx, row) => {
      if (
        body.categoryId &&
        !(await createCaseRepository(trx).activeCategory(row.district_code, body.categoryId))
      ) {
        throw new AppError('VALIDATION_FAILED', 'No such active category.', {
          issues: [{ path: 'body.categoryId', reason: 'reference', message: 'No such active category.' }],
        });
      }
      const patch: CasePatch = {};
      const from: Record<string, unknown> = {};
      const to: Record<string, unknown> = {};
      for (const [field, column] of FIELDS) {
        const value = body[field];
        if (value === undefined || value === row[column]) continue;
        (patch as Record<string, unknown>)[column] = value;
        from[field] = row[column];
        to[field] = value;
      }
      if (Object.keys(to).length === 0) {
        throw new AppError('VALIDATION_FAILED', 'The case is already classified so.', {
          issues: [{ path: 'body', reason: 'unchanged', message: 'Nothing to change.' }],
        });
      }
      return { patch, detail: { from, to } };
    },
  });
}

import type { ClassifiedField } from '../../../shared/cases/workflow.ts';
import type { ActionBodies } from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { applyCaseAction } from './apply-action.ts';
import type { CaseWriteContext } from './case-write-context.ts';
import { type CasePatch, createCaseRepository } from './cases.repository.ts';

const FIELDS: readonly (readonly [ClassifiedField, 'category_id' | 'kind' | 'urgency' | 'list_type'])[] = [
  ['categoryId', 'category_id'],
  ['kind', 'kind'],
  ['urgency', 'urgency'],
  ['listType', 'list_type'],
];

/**
 * Sets or corrects a case's category, kind, urgency and list (分类), through the one change path:
 * an event and an audit row naming what changed from what — a category by its id and its names in
 * both languages as they were then, so the timeline reads in words even after a category is renamed
 * or retired — and the rollup hook moves the case's counters to its new category (case-figures.ts
 * keys them by category). Running clocks keep their deadlines; clocks started later follow the new
 * urgency and category. Which states allow it, and what a closed case may still change, is the
 * workflow's (`CLASSIFIABLE_STATES`, the `classify` guard).
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
    input: { classifies: FIELDS.filter(([field]) => body[field] !== undefined).map(([field]) => field) },
    effect: async (trx, row) => {
      const repo = createCaseRepository(trx);
      if (body.categoryId && !(await repo.activeCategory(row.district_code, body.categoryId))) {
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
      if ('categoryId' in to) {
        const ids = [from.categoryId, to.categoryId].filter((id): id is string => typeof id === 'string');
        const names = new Map((await repo.categoryNames(row.district_code, ids)).map((c) => [c.id, c]));
        for (const side of [from, to]) {
          const category = names.get(side.categoryId as string);
          side.categoryName = category?.name ?? null;
          side.categoryNameEn = category?.name_en ?? null;
        }
      }
      return { patch, detail: { from, to } };
    },
  });
}

import type { Kysely } from 'kysely';
import type { UpdateCategory } from '../../../shared/domain/category.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { createCategoryRepository } from './categories.repository.ts';
import { checkOwner } from './department-check.ts';

/**
 * Renames a category, changes or clears its owning department, (de)activates or reorders it. A
 * deactivated top category takes its subcategories out of use too (isSelectable), without
 * changing their own flags, so reactivating it restores them as they were.
 */
export async function updateCategory(
  db: Kysely<DB>,
  districtCode: string,
  id: string,
  input: UpdateCategory,
  actor: AuditActor,
): Promise<void> {
  await runTransaction(db, async (trx) => {
    const categories = createCategoryRepository(trx);
    const before = await categories.find(districtCode, id);
    if (!before) throw new AppError('NOT_FOUND', 'No such category.');
    if (input.departmentId) await checkOwner(categories, districtCode, input.departmentId);
    await categories.update(districtCode, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
      ...(input.departmentId !== undefined ? { department_id: input.departmentId } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
    });
    await audit(trx, actor, {
      action: 'category.updated',
      result: 'success',
      objectType: 'case_category',
      objectId: id,
      detail: {
        before: { name: before.name, department: before.department_id, active: before.active },
        after: input,
      },
    });
  });
}

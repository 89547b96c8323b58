import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { type CreateCategory, MAX_CATEGORY_DEPTH } from '../../../shared/domain/category.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { createCategoryRepository } from './categories.repository.ts';
import { checkOwner } from './department-check.ts';

const invalid = (path: string, reason: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { issues: [{ path, reason, message }] });

/** Adds a top category, or a subcategory below a top one (the tree has two levels). */
export async function createCategory(
  db: Kysely<DB>,
  districtCode: string,
  input: CreateCategory,
  actor: AuditActor,
): Promise<string> {
  const id = uuidv7();
  await runTransaction(db, async (trx) => {
    const categories = createCategoryRepository(trx);
    const parent = input.parentId ? await categories.find(districtCode, input.parentId) : undefined;
    if (input.parentId && !parent) throw invalid('body.parentId', 'parent', 'No such parent category.');
    const path = parent ? `${parent.path}.${input.code}` : input.code;
    if (path.split('.').length > MAX_CATEGORY_DEPTH)
      throw invalid('body.parentId', 'depth', `Categories have at most ${MAX_CATEGORY_DEPTH} levels.`);
    if (input.departmentId) await checkOwner(categories, districtCode, input.departmentId);
    const taken = () => new AppError('CONFLICT', `The code ${input.code} is already used.`);
    if (await categories.codeTaken(districtCode, input.code)) throw taken();
    try {
      await categories.insert({
        district_code: districtCode,
        id,
        parent_id: parent?.id ?? null,
        code: input.code,
        name: input.name,
        name_en: input.nameEn ?? null,
        path,
        department_id: input.departmentId ?? null,
        sort_order: await categories.nextSortOrder(districtCode, parent?.id ?? null),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
    await audit(trx, actor, {
      action: 'category.created',
      result: 'success',
      objectType: 'case_category',
      objectId: id,
      detail: { code: input.code, name: input.name, path, department: input.departmentId ?? null },
    });
  });
  return id;
}

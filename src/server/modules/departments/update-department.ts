import type { Kysely } from 'kysely';
import type { UpdateDepartment } from '../../../shared/domain/department.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { pathInScope, type Scope } from '../auth/scope.ts';
import { createDepartmentRepository } from './departments.repository.ts';

/**
 * Renames, reorders, deactivates or reactivates a department. A department that still owns active
 * case categories stays active: cases of those categories would be routed to nobody.
 */
export async function updateDepartment(
  db: Kysely<DB>,
  scope: Scope,
  id: string,
  input: UpdateDepartment,
  actor: AuditActor,
): Promise<void> {
  await runTransaction(db, async (trx) => {
    const departments = createDepartmentRepository(trx);
    const before = await departments.find(scope.districtCode, id);
    if (!before || !pathInScope(before.region_path, scope))
      throw new AppError('NOT_FOUND', 'No such department.');
    if (input.active === false && before.active) {
      const owned = await departments.activeCategoryCount(scope.districtCode, id);
      if (owned > 0)
        throw new AppError(
          'CONFLICT',
          `The department still owns ${owned} active case categories: give them another owner first.`,
        );
    }
    await departments.update(scope.districtCode, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
    });
    await audit(trx, actor, {
      action: 'department.updated',
      result: 'success',
      objectType: 'department',
      objectId: id,
      detail: { before: { name: before.name, active: before.active }, after: input },
    });
  });
}

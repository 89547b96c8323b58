import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { CreateDepartment } from '../../../shared/domain/department.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Scope } from '../auth/scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createDepartmentRepository } from './departments.repository.ts';

/**
 * Creates a department on the district node (district level) or on a street (street level); the
 * node must be in the caller's org:write scope, the code unused in the district.
 */
export async function createDepartment(
  db: Kysely<DB>,
  scope: Scope,
  input: CreateDepartment,
  actor: AuditActor,
): Promise<string> {
  const id = uuidv7();
  await runTransaction(db, async (trx) => {
    const departments = createDepartmentRepository(trx);
    const region = await createRegionRepository(trx).findInScope(scope, input.regionId);
    if (!region) throw new AppError('NOT_FOUND', 'No such region.');
    if (region.level !== input.level) {
      const message = `A ${input.level}-level department belongs to a ${input.level} node, not a ${region.level}.`;
      throw new AppError('VALIDATION_FAILED', message, {
        issues: [{ path: 'body.regionId', reason: 'level', message }],
      });
    }
    const taken = () => new AppError('CONFLICT', `The code ${input.code} is already used in this district.`);
    if (await departments.codeTaken(scope.districtCode, input.code)) throw taken();
    try {
      await departments.insert({
        district_code: scope.districtCode,
        id,
        code: input.code,
        name: input.name,
        level: input.level,
        region_id: region.id,
        sort_order: await departments.nextSortOrder(scope.districtCode, region.id),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
    await audit(trx, actor, {
      action: 'department.created',
      result: 'success',
      objectType: 'department',
      objectId: id,
      detail: { code: input.code, name: input.name, level: input.level, region: region.id },
    });
  });
  return id;
}

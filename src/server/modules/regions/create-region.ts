import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { CHILD_LEVEL, type CreateRegion, kindProblem, REGION_KINDS } from '../../../shared/domain/region.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Scope } from '../auth/scope.ts';
import { writeRegion } from './region-in-scope.ts';

const invalid = (path: string, reason: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { issues: [{ path, reason, message }] });

/**
 * Adds a child below a node of the caller's regions:write scope. The level follows from the
 * parent's; the path is the parent's plus the code, which is unique in the district (every path
 * segment is a code, so a duplicate would make two subtrees overlap).
 */
export async function createRegion(
  db: Kysely<DB>,
  scope: Scope,
  input: CreateRegion,
  actor: AuditActor,
): Promise<string> {
  const id = uuidv7();
  await writeRegion(db, scope, input.parentId, async (parent, regions, trx) => {
    const level = CHILD_LEVEL[parent.level];
    if (!level) throw invalid('body.parentId', 'level', `A ${parent.level} has no level below it.`);
    const kind = input.kind ?? REGION_KINDS[level]?.[0] ?? null;
    const problem = kindProblem(level, kind);
    if (problem) throw invalid('body.kind', 'kind', problem);
    if (await regions.codeTaken(scope.districtCode, input.code)) {
      throw new AppError('CONFLICT', `The code ${input.code} is already used in this district.`);
    }
    const path = `${parent.path}.${input.code}`;
    try {
      await regions.insert({
        district_code: scope.districtCode,
        id,
        parent_id: parent.id,
        level,
        code: input.code,
        name: input.name,
        kind,
        path,
        sort_order: await regions.nextSortOrder(scope.districtCode, parent.id),
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('CONFLICT', `The code ${input.code} is already used in this district.`);
      throw error;
    }
    await audit(trx, actor, {
      action: 'region.created',
      result: 'success',
      objectType: 'region',
      objectId: id,
      detail: { parent: parent.id, level, code: input.code, name: input.name, path },
    });
  });
  return id;
}

import type { Kysely } from 'kysely';
import { kindProblem, type UpdateRegion } from '../../../shared/domain/region.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Scope } from '../auth/scope.ts';
import { writeRegion } from './region-in-scope.ts';

/** Renames a node, changes its kind (社区/村) or its place among its siblings; code and level stay. */
export async function updateRegion(
  db: Kysely<DB>,
  scope: Scope,
  id: string,
  input: UpdateRegion,
  actor: AuditActor,
): Promise<void> {
  await writeRegion(db, scope, id, async (node, regions, trx) => {
    if (input.kind !== undefined) {
      const problem = kindProblem(node.level, input.kind);
      if (problem)
        throw new AppError('VALIDATION_FAILED', problem, {
          issues: [{ path: 'body.kind', reason: 'kind', message: problem }],
        });
    }
    await regions.update(scope.districtCode, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
    });
    await audit(trx, actor, {
      action: 'region.updated',
      result: 'success',
      objectType: 'region',
      objectId: id,
      detail: { before: { name: node.name, kind: node.kind }, after: input },
    });
  });
}

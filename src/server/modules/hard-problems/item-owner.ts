import type { Kysely } from 'kysely';
import { reaches } from '../../../shared/auth/reach.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import { createHardProblemsRepository } from './hard-problems.repository.ts';

/**
 * The owning unit of an item, checked against the item's place: a department of the district or
 * of a street at or above it, or a place (community, street) in the item's place's subtree.
 */
export async function resolveOwner(
  db: Kysely<DB>,
  districtCode: string,
  placePath: string,
  owner: { kind: 'department' | 'region'; id: string; person: string },
): Promise<{
  owner_kind: 'department' | 'region';
  owner_id: string;
  owner_name: string;
  responsible_person: string;
}> {
  const repo = createHardProblemsRepository(db);
  const unit =
    owner.kind === 'department'
      ? await repo.department(districtCode, owner.id)
      : await repo.region(districtCode, owner.id);
  const fits =
    unit &&
    (owner.kind === 'department'
      ? reaches(unit.path, placePath) || reaches(placePath, unit.path)
      : reaches(placePath, unit.path));
  if (!unit || !fits)
    throw new AppError('VALIDATION_FAILED', "The owner is no unit of the item's place.", {
      issues: [{ path: 'body.owner.id', reason: 'reference', message: 'No such unit here.' }],
    });
  return {
    owner_kind: owner.kind,
    owner_id: unit.id,
    owner_name: unit.name,
    responsible_person: owner.person,
  };
}

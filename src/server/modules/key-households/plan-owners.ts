import type { Kysely } from 'kysely';
import { ROLE_PERMISSIONS, ROLES } from '../../../shared/auth/roles.ts';
import type { PlanOwner } from '../../../shared/domain/key-household.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import { createKeyHouseholdRepository } from './key-households.repository.ts';

/** Roles whose holders see households: a plan's owner must be able to open the household. */
const OWNER_ROLES = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('households:read'));

/** Active accounts of the district whose grants reach the household at `regionPath`. */
export async function planOwners(
  db: Kysely<DB>,
  districtCode: string,
  regionPath: string,
): Promise<PlanOwner[]> {
  const rows = await createKeyHouseholdRepository(db).reachingUsers(districtCode, regionPath, OWNER_ROLES);
  return rows.map((r) => ({ id: r.id, displayName: r.display_name }));
}

/** Refuses an owner who is not one of planOwners (422: the body names someone who cannot own it). */
export async function assertPlanOwner(
  db: Kysely<DB>,
  districtCode: string,
  regionPath: string,
  userId: string,
): Promise<void> {
  const rows = await createKeyHouseholdRepository(db).reachingUsers(
    districtCode,
    regionPath,
    OWNER_ROLES,
    userId,
  );
  if (rows.length === 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The owner must be an active user whose scope reaches the household.',
      {
        issues: [
          { path: 'body.ownerUserId', reason: 'owner_scope', message: 'owner outside the household’s scope' },
        ],
      },
    );
  }
}

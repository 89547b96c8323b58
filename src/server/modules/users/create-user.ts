import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { conflictingDuties, type Role } from '../../../shared/auth/roles.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { uniqueOr } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { hashPassword } from '../auth/passwords.ts';
import { createUserRepository } from './users.repository.ts';

export interface CreateUserOptions {
  districtCode: string;
  username: string;
  displayName: string;
  /**
   * The first password, or the hash of one: the demo's many accounts nobody signs in to share the
   * hash of one random password (seed/demo-accounts.ts), as hashing each would slow the first start.
   */
  password: string | { hash: string };
  mustChangePassword: boolean;
  demo?: boolean;
  /** A department-scoped grant (dept_handler) names its department instead of a region. */
  grants: { role: Role; scopeRegionId: string | null; scopeDepartmentId?: string | null }[];
  actor: AuditActor;
}

/** Refuses roles one person may not hold together: an administrator duty stands alone (三员). */
export function assertDutiesApart(roles: readonly Role[]): void {
  const conflict = conflictingDuties(roles);
  if (conflict.length > 0) {
    throw new AppError(
      'DUTY_CONFLICT',
      `The roles ${conflict.join(', ')} may not be held by one person: an administrator duty stands alone.`,
    );
  }
}

/**
 * Creates an account with its role grants and the audit row, in one transaction. Refuses roles
 * one person may not hold together and a taken username. Remembers which administrator created
 * it: they knew its first password (see the export approver rule).
 */
export async function createUser(db: Kysely<DB>, options: CreateUserOptions): Promise<string> {
  assertDutiesApart(options.grants.map((g) => g.role));
  const passwordHash =
    typeof options.password === 'string' ? await hashPassword(options.password) : options.password.hash;
  const id = uuidv7();
  await runTransaction(db, async (trx) => {
    const repo = createUserRepository(trx);
    const taken = () => new AppError('CONFLICT', `The username ${options.username} is taken.`);
    if (await repo.usernameTaken(options.districtCode, options.username)) throw taken();
    await uniqueOr(
      repo.insertUser({
        district_code: options.districtCode,
        id,
        username: options.username,
        display_name: options.displayName,
        password_hash: passwordHash,
        must_change_password: options.mustChangePassword,
        demo: options.demo ?? false,
        created_by: options.actor.principal?.userId ?? null,
      }),
      taken,
    );
    for (const grant of options.grants) {
      await repo.insertGrant({
        district_code: options.districtCode,
        id: uuidv7(),
        user_id: id,
        role: grant.role,
        scope_region_id: grant.scopeRegionId,
        scope_department_id: grant.scopeDepartmentId ?? null,
      });
    }
    await audit(trx, options.actor, {
      action: 'user.created',
      result: 'success',
      objectType: 'user',
      objectId: id,
      detail: { username: options.username, roles: options.grants.map((g) => g.role) },
    });
  });
  return id;
}

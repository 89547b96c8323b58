import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { conflictingDuties, type Role } from '../../../shared/auth/roles.ts';
import type { User } from '../../../shared/domain/user.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { createAuthRepository } from '../auth/auth.repository.ts';
import { createUser } from './create-user.ts';
import { createUserRepository } from './users.repository.ts';

type Grant = { role: Role; scopeRegionId: string | null };

/** Users of a district with their grants, as the security administrator sees them (no personal data). */
export async function listUsers(db: Kysely<DB>, districtCode: string, userId?: string): Promise<User[]> {
  const rows = await createUserRepository(db).listWithGrants(districtCode, userId);
  const byId = new Map<string, User>();
  for (const r of rows) {
    const user = byId.get(r.id) ?? {
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      active: r.active,
      totpEnrolled: r.totp_enabled,
      demo: r.demo,
      grants: [],
    };
    if (r.role)
      user.grants.push({ role: r.role as Role, scopeRegionId: r.scope_region_id, scopeName: r.scope_name });
    byId.set(r.id, user);
  }
  return [...byId.values()];
}

async function checkGrants(db: Kysely<DB>, districtCode: string, grants: Grant[]): Promise<void> {
  const conflict = conflictingDuties(grants.map((g) => g.role));
  if (conflict.length > 0) {
    throw new AppError(
      'CONFLICT',
      `The administrator duties ${conflict.join(' and ')} may not be held by one person.`,
    );
  }
  const repo = createUserRepository(db);
  for (const g of grants) {
    if (g.scopeRegionId && !(await repo.regionInDistrict(districtCode, g.scopeRegionId))) {
      throw new AppError('VALIDATION_FAILED', 'A grant names a region outside the district.', {
        issues: [{ path: 'body.grants.scopeRegionId', reason: 'scope', message: 'unknown region' }],
      });
    }
  }
}

/** Creates an account with a one-time password that must be changed at first sign-in. */
export async function createManagedUser(
  db: Kysely<DB>,
  options: {
    districtCode: string;
    username: string;
    displayName: string;
    grants: Grant[];
    actor: AuditActor;
  },
) {
  await checkGrants(db, options.districtCode, options.grants);
  const oneTimePassword = `${crypto.randomBytes(9).toString('base64url')}aA1!`;
  const id = await createUser(db, { ...options, password: oneTimePassword, mustChangePassword: true });
  const [user] = await listUsers(db, options.districtCode, id);
  return { user: user as User, oneTimePassword };
}

/** Replaces a user's grants (a role change, audited). Nobody changes their own grants. */
export async function replaceGrants(
  db: Kysely<DB>,
  options: { districtCode: string; userId: string; grants: Grant[]; actor: AuditActor },
): Promise<User> {
  if (options.actor.principal?.userId === options.userId) {
    throw new AppError('CONFLICT', 'Another security administrator must change your own grants.');
  }
  await checkGrants(db, options.districtCode, options.grants);
  const before = await listUsers(db, options.districtCode, options.userId);
  if (before.length === 0) throw new AppError('NOT_FOUND', 'No such user.');
  await runTransaction(db, async (trx) => {
    const repo = createUserRepository(trx);
    await repo.deleteGrants(options.districtCode, options.userId);
    for (const g of options.grants) {
      await repo.insertGrant({
        district_code: options.districtCode,
        id: uuidv7(),
        user_id: options.userId,
        role: g.role,
        scope_region_id: g.scopeRegionId,
      });
    }
    // Sessions carry the old rights until they end; a role change ends them now.
    await createAuthRepository(trx).revokeUserSessions(options.districtCode, options.userId);
    await audit(trx, options.actor, {
      action: 'user.grants_changed',
      result: 'success',
      objectType: 'user',
      objectId: options.userId,
      detail: { before: before[0]?.grants.map((g) => g.role), after: options.grants.map((g) => g.role) },
    });
  });
  return (await listUsers(db, options.districtCode, options.userId))[0] as User;
}

/** Deactivates an account; its sessions end at once (trust.md §4). */
export async function deactivateUser(
  db: Kysely<DB>,
  options: { districtCode: string; userId: string; actor: AuditActor },
): Promise<User> {
  if (options.actor.principal?.userId === options.userId)
    throw new AppError('CONFLICT', 'You cannot deactivate yourself.');
  if ((await listUsers(db, options.districtCode, options.userId)).length === 0) {
    throw new AppError('NOT_FOUND', 'No such user.');
  }
  await runTransaction(db, async (trx) => {
    const repo = createUserRepository(trx);
    await repo.deactivate(options.districtCode, options.userId);
    await createAuthRepository(trx).revokeUserSessions(options.districtCode, options.userId);
    await audit(trx, options.actor, {
      action: 'user.deactivated',
      result: 'success',
      objectType: 'user',
      objectId: options.userId,
    });
  });
  return (await listUsers(db, options.districtCode, options.userId))[0] as User;
}

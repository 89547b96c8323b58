import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../../shared/auth/roles.ts';
import type { AuditAction } from '../../../shared/domain/audit.ts';
import { grantScopeProblem, type User, userActions } from '../../../shared/domain/user.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { createAuthRepository } from '../auth/auth.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { assertDutiesApart, createUser } from './create-user.ts';
import { createUserRepository, type UserFilter } from './users.repository.ts';

export type Grant = { role: Role; scopeRegionId: string | null; scopeDepartmentId: string | null };

/** Who looks at the accounts: what they may do to each depends on it. */
export type Viewer = { userId: string; canWrite: boolean } | undefined;

export const viewerOf = (principal: Principal | undefined): Viewer =>
  principal ? { userId: principal.userId, canWrite: principal.permissions.has('users:write') } : undefined;

/** Users of a district with their grants, as the security administrator sees them (no personal data). */
export async function listUsers(
  db: Kysely<DB>,
  districtCode: string,
  filter: UserFilter & { userId?: string } = {},
  viewer?: Viewer,
): Promise<User[]> {
  const rows = await createUserRepository(db).listWithGrants(districtCode, filter);
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
      actions: userActions({ id: r.id, active: r.active }, viewer),
    };
    if (r.role)
      user.grants.push({
        role: r.role as Role,
        scopeRegionId: r.scope_region_id,
        scopeDepartmentId: r.scope_department_id,
        scopeName: r.department_name ?? r.region_name,
      });
    byId.set(r.id, user);
  }
  return [...byId.values()];
}

/** One account of the district, or NOT_FOUND. */
export async function getUser(
  db: Kysely<DB>,
  districtCode: string,
  userId: string,
  viewer?: Viewer,
): Promise<User> {
  const [user] = await listUsers(db, districtCode, { userId }, viewer);
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
  return user;
}

const scopeIssue = (index: number, field: string, message: string) => ({
  issues: [{ path: `body.grants.${index}.${field}`, reason: 'scope', message }],
});

/** Someone's account and who changes it. */
export interface AccountChange {
  districtCode: string;
  userId: string;
  actor: AuditActor;
}

/**
 * Changes someone's account in one transaction that also ends their sessions (a session carries
 * the account as it was until it ends) and writes the audit row; answers the account as the
 * actor now sees it.
 */
export async function changeAccount(
  db: Kysely<DB>,
  target: AccountChange,
  action: AuditAction,
  change: (users: ReturnType<typeof createUserRepository>) => Promise<unknown>,
  detail?: Record<string, unknown>,
): Promise<User> {
  await runTransaction(db, async (trx) => {
    await change(createUserRepository(trx));
    await createAuthRepository(trx).revokeUserSessions(target.districtCode, target.userId);
    await audit(trx, target.actor, {
      action,
      result: 'success',
      objectType: 'user',
      objectId: target.userId,
      ...(detail ? { detail } : {}),
    });
  });
  return getUser(db, target.districtCode, target.userId, viewerOf(target.actor.principal));
}

async function checkGrants(db: Kysely<DB>, districtCode: string, grants: Grant[]): Promise<void> {
  assertDutiesApart(grants.map((g) => g.role));
  const repo = createUserRepository(db);
  for (const [index, g] of grants.entries()) {
    // The request schema checks this too; callers inside the server (seed, CLI) do not pass through it.
    const problem = grantScopeProblem(g);
    if (problem)
      throw new AppError('VALIDATION_FAILED', `A grant's scope does not suit its role: ${problem}.`);
    if (g.scopeRegionId && !(await repo.regionInDistrict(districtCode, g.scopeRegionId))) {
      throw new AppError(
        'VALIDATION_FAILED',
        'A grant names a region outside the district.',
        scopeIssue(index, 'scopeRegionId', 'unknown region'),
      );
    }
    if (g.scopeDepartmentId && !(await repo.activeDepartmentInDistrict(districtCode, g.scopeDepartmentId))) {
      throw new AppError(
        'VALIDATION_FAILED',
        'A grant names a department that is unknown, inactive or of another district.',
        scopeIssue(index, 'scopeDepartmentId', 'unknown or inactive department'),
      );
    }
  }
}

/** A one-time password that meets any password policy (length, four character classes). */
export const newOneTimePassword = () => `${crypto.randomBytes(9).toString('base64url')}aA1!`;

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
  const oneTimePassword = newOneTimePassword();
  const id = await createUser(db, { ...options, password: oneTimePassword, mustChangePassword: true });
  return {
    user: await getUser(db, options.districtCode, id, viewerOf(options.actor.principal)),
    oneTimePassword,
  };
}

const grantDetail = (grants: readonly Grant[]) =>
  grants.map((g) => ({ role: g.role, region: g.scopeRegionId, department: g.scopeDepartmentId }));

/** Replaces a user's grants (a role change, audited). Nobody changes their own grants. */
export async function replaceGrants(
  db: Kysely<DB>,
  options: AccountChange & { grants: Grant[] },
): Promise<User> {
  if (options.actor.principal?.userId === options.userId) {
    throw new AppError('CONFLICT', 'Another security administrator must change your own grants.');
  }
  await checkGrants(db, options.districtCode, options.grants);
  const before = await getUser(db, options.districtCode, options.userId);
  // Sessions carry the old rights until they end; a role change ends them now.
  return changeAccount(
    db,
    options,
    'user.grants_changed',
    async (repo) => {
      await repo.deleteGrants(options.districtCode, options.userId);
      for (const g of options.grants) {
        await repo.insertGrant({
          district_code: options.districtCode,
          id: uuidv7(),
          user_id: options.userId,
          role: g.role,
          scope_region_id: g.scopeRegionId,
          scope_department_id: g.scopeDepartmentId,
        });
      }
    },
    { before: grantDetail(before.grants), after: grantDetail(options.grants) },
  );
}

/** Deactivates an account; its sessions end at once (docs/specs/trust.md §4). */
export async function deactivateUser(db: Kysely<DB>, options: AccountChange): Promise<User> {
  if (options.actor.principal?.userId === options.userId)
    throw new AppError('CONFLICT', 'You cannot deactivate yourself.');
  await getUser(db, options.districtCode, options.userId);
  return changeAccount(db, options, 'user.deactivated', (repo) =>
    repo.deactivate(options.districtCode, options.userId),
  );
}

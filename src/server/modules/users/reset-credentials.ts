import type { Kysely } from 'kysely';
import type { CreatedUser, User } from '../../../shared/domain/user.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { createAuthRepository } from '../auth/auth.repository.ts';
import { hashPassword } from '../auth/passwords.ts';
import { getUser, newOneTimePassword, viewerOf } from './manage-users.ts';
import { createUserRepository } from './users.repository.ts';

interface ResetOptions {
  districtCode: string;
  userId: string;
  actor: AuditActor;
}

/**
 * A reset is for someone else: the security administrator changes their own password through the
 * sign-in flow, and another one resets them. A deactivated account has nothing to reset.
 */
async function resettable(db: Kysely<DB>, options: ResetOptions): Promise<void> {
  if (options.actor.principal?.userId === options.userId)
    throw new AppError('CONFLICT', 'Another security administrator must reset your own account.');
  const user = await createUserRepository(db).findUser(options.districtCode, options.userId);
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
  if (!user.active) throw new AppError('CONFLICT', 'The account is deactivated.');
}

/**
 * A forgotten password: a new one-time password, shown once, that must be changed after the next
 * sign-in; the old password and every session stop working at once.
 */
export async function resetPassword(db: Kysely<DB>, options: ResetOptions): Promise<CreatedUser> {
  await resettable(db, options);
  const oneTimePassword = newOneTimePassword();
  const hash = await hashPassword(oneTimePassword);
  await runTransaction(db, async (trx) => {
    await createUserRepository(trx).setOneTimePassword(options.districtCode, options.userId, hash);
    await createAuthRepository(trx).revokeUserSessions(options.districtCode, options.userId);
    await audit(trx, options.actor, {
      action: 'user.password_reset',
      result: 'success',
      objectType: 'user',
      objectId: options.userId,
    });
  });
  return {
    user: await getUser(db, options.districtCode, options.userId, viewerOf(options.actor.principal)),
    oneTimePassword,
  };
}

/**
 * A lost phone: the authenticator and its recovery codes are forgotten and every session ends;
 * the next sign-in (password still valid) enrols a new authenticator.
 */
export async function resetAuthenticator(db: Kysely<DB>, options: ResetOptions): Promise<User> {
  await resettable(db, options);
  await runTransaction(db, async (trx) => {
    await createUserRepository(trx).clearAuthenticator(options.districtCode, options.userId);
    await createAuthRepository(trx).revokeUserSessions(options.districtCode, options.userId);
    await audit(trx, options.actor, {
      action: 'user.totp_reset',
      result: 'success',
      objectType: 'user',
      objectId: options.userId,
    });
  });
  return getUser(db, options.districtCode, options.userId, viewerOf(options.actor.principal));
}

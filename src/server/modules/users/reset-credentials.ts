import type { Kysely } from 'kysely';
import type { CreatedUser, User } from '../../../shared/domain/user.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import { hashPassword } from '../auth/passwords.ts';
import { type AccountChange, changeAccount, newOneTimePassword } from './manage-users.ts';
import { createUserRepository } from './users.repository.ts';

/**
 * A reset is for someone else: the security administrator changes their own password through the
 * sign-in flow, and another one resets them. A deactivated account has nothing to reset.
 */
async function resettable(db: Kysely<DB>, options: AccountChange): Promise<void> {
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
export async function resetPassword(db: Kysely<DB>, options: AccountChange): Promise<CreatedUser> {
  await resettable(db, options);
  const oneTimePassword = newOneTimePassword();
  const hash = await hashPassword(oneTimePassword);
  const user = await changeAccount(db, options, 'user.password_reset', (users) =>
    users.setOneTimePassword(
      options.districtCode,
      options.userId,
      hash,
      options.actor.principal?.userId ?? null,
    ),
  );
  return { user, oneTimePassword };
}

/**
 * A lost phone: the authenticator and its recovery codes are forgotten and every session ends;
 * the next sign-in (password still valid) enrols a new authenticator.
 */
export async function resetAuthenticator(db: Kysely<DB>, options: AccountChange): Promise<User> {
  await resettable(db, options);
  return changeAccount(db, options, 'user.totp_reset', (users) =>
    users.clearAuthenticator(options.districtCode, options.userId, options.actor.principal?.userId ?? null),
  );
}

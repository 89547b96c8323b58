import type { Kysely, Updateable } from 'kysely';
import type { Role } from '../../../shared/auth/roles.ts';
import type { DB } from '../../db/schema.ts';
import { withAuthEpochBump } from '../auth/auth.repository.ts';
import { containsPattern, onSameDistrict } from '../auth/scope.ts';

export interface UserFilter {
  /** A fragment of the username or the display name. */
  q?: string | undefined;
  /** Only accounts holding this role. */
  role?: Role | undefined;
  active?: boolean | undefined;
}

/**
 * All SQL that creates and manages accounts and role grants (sign-in itself lives in the auth
 * repository). Every write to an existing account or its grants bumps the district's auth version
 * in its transaction, so no server keeps using a principal resolved before it (auth.repository.ts).
 */
export function createUserRepository(db: Kysely<DB>) {
  /** Changes one account, its `updated_at` set to `now` (the time the change itself records). */
  const updateUser = (
    districtCode: string,
    userId: string,
    values: Updateable<DB['app_user']>,
    now = new Date(),
  ) =>
    withAuthEpochBump(db, districtCode, (trx) =>
      trx
        .updateTable('app_user')
        .set({ ...values, updated_at: now })
        .where('district_code', '=', districtCode)
        .where('id', '=', userId)
        .execute(),
    );

  return {
    /** A new account has no session yet: nothing kept to invalidate. */
    insertUser(row: {
      district_code: string;
      id: string;
      username: string;
      display_name: string;
      password_hash: string;
      must_change_password: boolean;
      demo: boolean;
      staff_id?: string | null;
      created_by?: string | null;
    }) {
      return db.insertInto('app_user').values(row).execute();
    },

    insertGrant(row: {
      district_code: string;
      id: string;
      user_id: string;
      role: string;
      scope_region_id: string | null;
      scope_department_id: string | null;
    }) {
      return withAuthEpochBump(db, row.district_code, (trx) =>
        trx.insertInto('role_grant').values(row).execute(),
      );
    },

    usernameTaken(districtCode: string, username: string) {
      return db
        .selectFrom('app_user')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('username', '=', username)
        .executeTakeFirst()
        .then((r) => r !== undefined);
    },

    /** Accounts with one row per grant (a user without grants has one row of nulls), filtered. */
    listWithGrants(districtCode: string, filter: UserFilter & { userId?: string } = {}) {
      let q = db
        .selectFrom('app_user as u')
        .leftJoin('role_grant as g', onSameDistrict('g.user_id', 'u.id'))
        .leftJoin('region as r', onSameDistrict('r.id', 'g.scope_region_id'))
        .leftJoin('department as d', onSameDistrict('d.id', 'g.scope_department_id'))
        .select([
          'u.id',
          'u.username',
          'u.display_name',
          'u.active',
          'u.totp_enabled',
          'u.demo',
          'g.role',
          'g.scope_region_id',
          'g.scope_department_id',
          'r.name as region_name',
          'd.name as department_name',
        ])
        .where('u.district_code', '=', districtCode);
      if (filter.userId) q = q.where('u.id', '=', filter.userId);
      if (filter.active !== undefined) q = q.where('u.active', '=', filter.active);
      const text = filter.q;
      if (text) {
        const pattern = containsPattern(text.toLowerCase());
        q = q.where((eb) =>
          eb.or([
            eb(eb.fn('lower', ['u.username']), 'like', pattern),
            eb(eb.fn('lower', ['u.display_name']), 'like', pattern),
          ]),
        );
      }
      const role = filter.role;
      if (role) {
        // The account with all its grants, when one of them is the role.
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('role_grant as f')
              .select('f.id')
              .whereRef('f.district_code', '=', 'u.district_code')
              .whereRef('f.user_id', '=', 'u.id')
              .where('f.role', '=', role),
          ),
        );
      }
      // Grants of one account share created_at (one statement); ids (UUIDv7) keep their given order.
      return q.orderBy('u.username').orderBy('g.created_at').orderBy('g.id').execute();
    },

    findUser(districtCode: string, userId: string) {
      return db
        .selectFrom('app_user')
        .select(['id', 'username', 'active'])
        .where('district_code', '=', districtCode)
        .where('id', '=', userId)
        .executeTakeFirst();
    },

    regionInDistrict(districtCode: string, regionId: string) {
      return db
        .selectFrom('region')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('id', '=', regionId)
        .executeTakeFirst()
        .then((r) => r !== undefined);
    },

    /** An active department of the district: the only kind a new grant may name. */
    activeDepartmentInDistrict(districtCode: string, departmentId: string) {
      return db
        .selectFrom('department')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('id', '=', departmentId)
        .where('active', '=', true)
        .executeTakeFirst()
        .then((r) => r !== undefined);
    },

    deleteGrants(districtCode: string, userId: string) {
      return withAuthEpochBump(db, districtCode, (trx) =>
        trx
          .deleteFrom('role_grant')
          .where('district_code', '=', districtCode)
          .where('user_id', '=', userId)
          .execute(),
      );
    },

    deactivate(districtCode: string, userId: string) {
      return updateUser(districtCode, userId, { active: false });
    },

    /** A new one-time password: the account must change it after its next sign-in. */
    setOneTimePassword(districtCode: string, userId: string, passwordHash: string, resetBy: string | null) {
      const now = new Date();
      return updateUser(
        districtCode,
        userId,
        {
          password_hash: passwordHash,
          password_changed_at: now,
          must_change_password: true,
          credentials_reset_by: resetBy,
          credentials_reset_at: now,
        },
        now,
      );
    },

    /** Who created each account and who last reset its credentials, with when (see approver-independence.ts). */
    credentialSetters(districtCode: string, userIds: readonly string[]) {
      if (userIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('app_user')
        .select(['id', 'created_by', 'created_at', 'credentials_reset_by', 'credentials_reset_at'])
        .where('district_code', '=', districtCode)
        .where('id', 'in', userIds)
        .execute();
    },

    /** Forgets the authenticator and its recovery codes: the next sign-in enrols a new one. */
    clearAuthenticator(districtCode: string, userId: string, resetBy: string | null) {
      const now = new Date();
      return updateUser(
        districtCode,
        userId,
        {
          totp_secret_enc: null,
          totp_enabled: false,
          totp_last_step: null,
          recovery_code_hashes: '[]',
          credentials_reset_by: resetBy,
          credentials_reset_at: now,
        },
        now,
      );
    },

    /** Demo accounts with their grants and scope names, for the sign-in page's hint. */
    demoAccounts() {
      return db
        .selectFrom('app_user as u')
        .innerJoin('role_grant as g', onSameDistrict('g.user_id', 'u.id'))
        .leftJoin('region as r', onSameDistrict('r.id', 'g.scope_region_id'))
        .leftJoin('department as d', onSameDistrict('d.id', 'g.scope_department_id'))
        .select([
          'u.username',
          'g.role',
          (eb) => eb.fn.coalesce('d.name', 'r.name').as('scope_name'),
          'u.district_code',
        ])
        .where('u.demo', '=', true)
        .where('u.active', '=', true)
        .orderBy('u.created_at')
        .execute();
    },
  };
}

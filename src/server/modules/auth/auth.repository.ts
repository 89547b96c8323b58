import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { onSameDistrict } from './scope.ts';

/** All SQL about accounts, grants, sessions and sign-in throttling. */
export function createAuthRepository(db: Kysely<DB>) {
  return {
    findUsersByUsername(username: string) {
      return db
        .selectFrom('app_user')
        .selectAll()
        .where('username', '=', username)
        .where('active', '=', true)
        .execute();
    },

    findUser(districtCode: string, id: string) {
      return db
        .selectFrom('app_user')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /**
     * The account's row, locked until the caller's transaction ends: second-factor attempts on one
     * account queue behind each other.
     */
    lockUser(districtCode: string, id: string) {
      return db
        .selectFrom('app_user')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    /** A user's grants with their region's path and name, or their department's name and region path. */
    grantsOf(districtCode: string, userId: string) {
      return db
        .selectFrom('role_grant as g')
        .leftJoin('region as r', onSameDistrict('r.id', 'g.scope_region_id'))
        .leftJoin('department as d', onSameDistrict('d.id', 'g.scope_department_id'))
        .leftJoin('region as dr', onSameDistrict('dr.id', 'd.region_id'))
        .select([
          'g.role',
          'g.scope_region_id',
          'g.scope_department_id',
          'r.path',
          'r.name',
          'd.name as department_name',
          'dr.path as department_path',
        ])
        .where('g.district_code', '=', districtCode)
        .where('g.user_id', '=', userId)
        .orderBy('g.created_at')
        .orderBy('g.id')
        .execute();
    },

    districtName(districtCode: string) {
      return db
        .selectFrom('region')
        .select('name')
        .where('district_code', '=', districtCode)
        .where('level', '=', 'district')
        .executeTakeFirst();
    },

    insertSession(row: {
      district_code: string;
      id: string;
      user_id: string;
      token_hash: Uint8Array;
      expires_at: Date;
      source_ip: string | null;
    }) {
      return db.insertInto('user_session').values(row).execute();
    },

    /** A live session and its active user, by the hash of the cookie's token. */
    findLiveSession(districtCode: string, tokenHash: Uint8Array) {
      return db
        .selectFrom('user_session as s')
        .innerJoin('app_user as u', onSameDistrict('u.id', 's.user_id'))
        .select([
          's.id as session_id',
          's.mfa_passed',
          's.last_seen_at',
          's.expires_at',
          'u.id as user_id',
          'u.username',
          'u.display_name',
          'u.demo',
          'u.must_change_password',
          'u.password_changed_at',
          'u.district_code',
        ])
        .where('s.district_code', '=', districtCode)
        .where('s.token_hash', '=', tokenHash)
        .where('s.revoked_at', 'is', null)
        .where('u.active', '=', true)
        .executeTakeFirst();
    },

    touchSession(districtCode: string, sessionId: string, at: Date) {
      return db
        .updateTable('user_session')
        .set({ last_seen_at: at })
        .where('district_code', '=', districtCode)
        .where('id', '=', sessionId)
        .execute();
    },

    revokeSession(districtCode: string, sessionId: string) {
      return db
        .updateTable('user_session')
        .set({ revoked_at: new Date() })
        .where('district_code', '=', districtCode)
        .where('id', '=', sessionId)
        .where('revoked_at', 'is', null)
        .execute();
    },

    revokeUserSessions(districtCode: string, userId: string) {
      return db
        .updateTable('user_session')
        .set({ revoked_at: new Date() })
        .where('district_code', '=', districtCode)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute();
    },

    /**
     * Marks the session's second factor as passed under a new token: the token that was sent
     * before the second factor stops working. Answers when the session expires.
     */
    passSecondFactor(districtCode: string, sessionId: string, tokenHash: Uint8Array) {
      return db
        .updateTable('user_session')
        .set({ mfa_passed: true, token_hash: tokenHash })
        .where('district_code', '=', districtCode)
        .where('id', '=', sessionId)
        .where('revoked_at', 'is', null)
        .returning('expires_at')
        .executeTakeFirst();
    },

    updateUser(
      districtCode: string,
      userId: string,
      values: Partial<{
        totp_secret_enc: Uint8Array | null;
        totp_enabled: boolean;
        totp_last_step: number | null;
        recovery_code_hashes: string;
        password_hash: string;
        password_changed_at: Date;
        must_change_password: boolean;
        active: boolean;
      }>,
    ) {
      return db
        .updateTable('app_user')
        .set({ ...values, updated_at: new Date() })
        .where('district_code', '=', districtCode)
        .where('id', '=', userId)
        .execute();
    },

    async throttleState(key: string) {
      return db.selectFrom('auth_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    },

    /** Counts a failure in a rolling window and sets a temporary block once over the limit. */
    async recordFailure(
      key: string,
      windowMinutes: number,
      limit: number,
      blockMinutes: (failures: number) => number,
    ) {
      const now = new Date();
      const windowStart = new Date(now.getTime() - windowMinutes * 60_000);
      const row = await db
        .insertInto('auth_throttle')
        .values({ key, failures: 1, window_start: now })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: sql`case when auth_throttle.window_start < ${windowStart} then 1 else auth_throttle.failures + 1 end`,
            window_start: sql`case when auth_throttle.window_start < ${windowStart} then ${now} else auth_throttle.window_start end`,
          }),
        )
        .returning(['failures'])
        .executeTakeFirstOrThrow();
      const failures = Number(row.failures);
      if (failures >= limit) {
        await db
          .updateTable('auth_throttle')
          .set({ blocked_until: new Date(now.getTime() + blockMinutes(failures) * 60_000) })
          .where('key', '=', key)
          .execute();
      }
      return failures;
    },

    clearThrottle(key: string) {
      return db.deleteFrom('auth_throttle').where('key', '=', key).execute();
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;

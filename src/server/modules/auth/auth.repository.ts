import { type Kysely, sql } from 'kysely';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { onSameDistrict } from './scope.ts';

/**
 * Increases the district's auth version (`auth_epoch`), in the caller's transaction. Every write
 * that changes what `resolve()` answers for a session calls it in the transaction of the change —
 * from the repository functions that write, so no use case can forget it: the servers' kept
 * principals of the district stop being used the moment the change commits (auth.service.ts).
 */
export async function bumpAuthEpoch(trx: Kysely<DB>, districtCode: string): Promise<void> {
  await trx
    .insertInto('auth_epoch')
    .values({ district_code: districtCode, version: 1 })
    .onConflict((oc) => oc.column('district_code').doUpdateSet({ version: sql`auth_epoch.version + 1` }))
    .execute();
}

/**
 * Runs a write that changes what sessions resolve to and bumps the district's auth version in one
 * transaction: the caller's when it has one, else a new one.
 */
export function withAuthEpochBump<T>(
  db: Kysely<DB>,
  districtCode: string,
  write: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return runTransaction(db, async (trx) => {
    const result = await write(trx);
    await bumpAuthEpoch(trx, districtCode);
    return result;
  });
}

/** All SQL about accounts, grants, sessions and sign-in throttling. */
export function createAuthRepository(db: Kysely<DB>) {
  const bumping = <T>(districtCode: string, write: (trx: Kysely<DB>) => Promise<T>) =>
    withAuthEpochBump(db, districtCode, write);
  return {
    /**
     * The district's auth version: the one read a signed-in request makes when its principal is
     * kept in memory. A district without a row is at 0.
     */
    async authEpoch(districtCode: string): Promise<number> {
      const row = await db
        .selectFrom('auth_epoch')
        .select('version')
        .where('district_code', '=', districtCode)
        .executeTakeFirst();
      return row ? Number(row.version) : 0;
    },

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

    /** A new token that no server has kept yet: nothing to invalidate, no version bump. */
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

    /**
     * The idle clock only. It must not bump the version: the kept principal carries the time it
     * was last touched and is not used once a touch is due (auth.service.ts).
     */
    touchSession(districtCode: string, sessionId: string, at: Date) {
      return db
        .updateTable('user_session')
        .set({ last_seen_at: at })
        .where('district_code', '=', districtCode)
        .where('id', '=', sessionId)
        .execute();
    },

    revokeSession(districtCode: string, sessionId: string) {
      return bumping(districtCode, (trx) =>
        trx
          .updateTable('user_session')
          .set({ revoked_at: new Date() })
          .where('district_code', '=', districtCode)
          .where('id', '=', sessionId)
          .where('revoked_at', 'is', null)
          .execute(),
      );
    },

    /** Signs the user out everywhere, or everywhere but `exceptSessionId` (the one asking). */
    revokeUserSessions(districtCode: string, userId: string, exceptSessionId?: string) {
      return bumping(districtCode, (trx) =>
        trx
          .updateTable('user_session')
          .set({ revoked_at: new Date() })
          .where('district_code', '=', districtCode)
          .where('user_id', '=', userId)
          .where('revoked_at', 'is', null)
          .$if(exceptSessionId !== undefined, (q) => q.where('id', '!=', exceptSessionId as string))
          .execute(),
      );
    },

    /**
     * Marks the session's second factor as passed under a new token: the token that was sent
     * before the second factor stops working. Answers when the session expires. No auth version
     * bump: a session before its second factor is never kept in memory (auth.service.ts), so the
     * old token lives on in no server, and every sign-in emptying the district's kept principals
     * would undo the cache at the busiest hour.
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
      const write = (trx: Kysely<DB>) =>
        trx
          .updateTable('app_user')
          .set({ ...values, updated_at: new Date() })
          .where('district_code', '=', districtCode)
          .where('id', '=', userId)
          .execute();
      // The second factor's bookkeeping (the last code's step, the recovery codes left) changes
      // nothing a session resolves to: every sign-in writes it, and a bump would empty the
      // district's kept principals on every server at each one.
      const bookkeeping = Object.keys(values).every(
        (k) => k === 'totp_last_step' || k === 'recovery_code_hashes',
      );
      return bookkeeping ? write(db) : bumping(districtCode, write);
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

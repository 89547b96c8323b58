import crypto from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { passwordProblems } from '../../../shared/auth/password-policy.ts';
import type { LoginStep } from '../../../shared/domain/auth.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { Config } from '../../config.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { AppUserTable, DB } from '../../db/schema.ts';
import { audit, SYSTEM_DISTRICT } from '../audit/audit.ts';
import { type AuthRepository, createAuthRepository } from './auth.repository.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.ts';
import type { Principal } from './principal.ts';
import { principalGrants } from './principal-grants.ts';
import { acceptedStep, enrollmentFor, hashRecoveryCode, newRecoveryCodes, newTotpSecret } from './totp.ts';

// Throttling (docs/specs/trust.md §2). Every block is temporary and doubles with each further failure, so
// nobody can lock a colleague out for good:
// - wrong passwords per (address, account): 5 in 15 minutes, then 1 minute doubling up to 15;
// - wrong passwords per account from any address: 10 in 15 minutes, the same blocks — a guesser
//   spread over many addresses;
// - wrong passwords per address over all accounts: `signInAddressFailures` (300 by default) in 15
//   minutes, then 15 minutes — a high ceiling, since a proxy or an office's NAT puts many people
//   behind one address, and one of them must not lock out the others;
// - wrong second factors per account, across sessions and password steps: 5 in 24 hours, then 1
//   minute doubling up to 60. A correct password never clears them; only a passed second factor.
const PAIR_LIMIT = 5;
const ACCOUNT_LIMIT = 10;
const WINDOW_MINUTES = 15;
const MFA_LIMIT = 5;
const MFA_WINDOW_MINUTES = 24 * 60;
const doublingBlock = (limit: number, capMinutes: number) => (failures: number) =>
  Math.min(capMinutes, 2 ** (failures - limit));
const pairBlock = doublingBlock(PAIR_LIMIT, 15);
const accountBlock = doublingBlock(ACCOUNT_LIMIT, 15);
const mfaBlock = doublingBlock(MFA_LIMIT, 60);

/** Throttle keys (`auth_throttle.key`, at most 160 characters: names are at most 64). */
export const throttleKeys = {
  account: (username: string) => `user:${username.toLowerCase()}`,
  pair: (sourceIp: string | null, username: string) =>
    `pair:${sourceIp ?? 'unknown'}|${username.toLowerCase()}`,
  address: (sourceIp: string | null) => `ip:${sourceIp ?? 'unknown'}`,
  secondFactor: (districtCode: string, userId: string) => `mfa:${districtCode}.${userId}`,
};

export const SESSION_COOKIE = 'mq_session';

export interface SessionCookie {
  value: string;
  maxAgeSeconds: number;
}

const secondsUntil = (when: Date) => Math.max(1, Math.ceil((when.getTime() - Date.now()) / 1000));

function tokenHash(token: string): Buffer {
  return crypto.createHash('sha256').update(token).digest();
}

/**
 * Resolved principals kept in memory (issue 16 §3), so a signed-in request makes one database read
 * instead of three or four. Every write that changes what a session resolves to bumps its
 * district's version in `auth_epoch` in the same transaction (auth.repository.ts); a kept principal
 * is used only while the version read for this request equals the one read before resolving it.
 * Sign-out, revocation, deactivation, credential and grant changes therefore take effect on the
 * next request on every server sharing the database, at the cost of one primary-key read — a
 * time-to-live would leave a window, and messages between servers would need a channel
 * (LISTEN/NOTIFY is outside the portable subset).
 *
 * An entry is also used only until the session's once-a-minute touch is due: then the request
 * resolves from the database as before, so the idle clock, the expiry and the touch behave as
 * without the cache, and a change no version covers reaches kept principals within a minute.
 */
const KEPT_PRINCIPALS = 10_000;
const TOUCH_EVERY_MS = 60_000;

interface KeptPrincipal {
  version: number;
  principal: Readonly<Principal>;
  lastSeenAt: number;
  expiresAt: number;
  passwordChangedAt: Date;
  mustChangePassword: boolean;
}

/** A copy per request: a handler that changed its principal must not change another request's. */
function copyOfPrincipal(principal: Readonly<Principal>): Principal {
  return {
    ...principal,
    grants: principal.grants.map((g) => ({ ...g })),
    permissions: new Set(principal.permissions),
  };
}

export function createAuthService(deps: { db: Kysely<DB>; config: Config; cipher: PiiCipher }) {
  const { db, config, cipher } = deps;
  const read = createAuthRepository(db);
  // Keyed by district and the token's hash; a Map keeps insertion order, so re-inserting on use
  // makes the first key the least recently used one.
  const kept = new Map<string, KeptPrincipal>();
  const keep = (key: string, entry: KeptPrincipal) => {
    kept.delete(key);
    kept.set(key, entry);
    while (kept.size > KEPT_PRINCIPALS) {
      const oldest = kept.keys().next().value;
      if (oldest === undefined) break;
      kept.delete(oldest);
    }
  };

  async function throttled(key: string): Promise<Date | null> {
    const state = await read.throttleState(key);
    return state?.blocked_until && state.blocked_until > new Date() ? state.blocked_until : null;
  }

  /**
   * Marks the session as past its second factor under a new token, in the caller's transaction,
   * and clears the account's second-factor failures. The token sent before (seen by whoever could
   * watch the password step) stops working: the caller sets the returned cookie.
   */
  async function passSecondFactor(trx: Kysely<DB>, principal: Principal): Promise<SessionCookie> {
    const token = crypto.randomBytes(32).toString('base64url');
    const repo = createAuthRepository(trx);
    const session = await repo.passSecondFactor(
      principal.districtCode,
      principal.sessionId,
      tokenHash(token),
    );
    if (!session) throw new AppError('UNAUTHENTICATED', 'The session has ended; sign in again.');
    await repo.clearThrottle(throttleKeys.secondFactor(principal.districtCode, principal.userId));
    return {
      value: `${principal.districtCode}.${token}`,
      maxAgeSeconds: secondsUntil(session.expires_at),
    };
  }

  /**
   * One second-factor attempt (a TOTP or a recovery code) in one transaction that holds the
   * account's row, so concurrent attempts queue: each sees the failures and the block the one
   * before left, and one code cannot pass twice at once. Wrong attempts count per account, whatever
   * the session or password step they come in; a blocked account is refused before its code is
   * looked at.
   */
  async function attemptSecondFactor(
    principal: Principal,
    sourceIp: string | null,
    action: 'auth.totp' | 'auth.recovery_code',
    check: (user: Selectable<AppUserTable>) => {
      changes: Parameters<AuthRepository['updateUser']>[2];
      detail?: Record<string, unknown>;
    } | null,
  ): Promise<{ next: LoginStep; cookie: SessionCookie }> {
    const actor = { principal, districtCode: principal.districtCode, sourceIp };
    const outcome = await runTransaction(db, async (trx) => {
      const repo = createAuthRepository(trx);
      const user = await repo.lockUser(principal.districtCode, principal.userId);
      if (!user?.totp_enabled) throw new AppError('CONFLICT', 'No authenticator is enrolled.');
      const key = throttleKeys.secondFactor(user.district_code, user.id);
      const state = await repo.throttleState(key);
      if (state?.blocked_until && state.blocked_until > new Date()) {
        throw new AppError(
          'RATE_LIMITED',
          `Too many failed codes; try again after ${state.blocked_until.toISOString()}.`,
          { retryAfterSeconds: secondsUntil(state.blocked_until) },
        );
      }
      const accepted = check(user);
      if (!accepted) {
        await repo.recordFailure(key, MFA_WINDOW_MINUTES, MFA_LIMIT, mfaBlock);
        await audit(trx, actor, { action, result: 'failure', objectType: 'user', objectId: user.id });
        return null;
      }
      await repo.updateUser(user.district_code, user.id, accepted.changes);
      const cookie = await passSecondFactor(trx, principal);
      await audit(trx, actor, {
        action,
        result: 'success',
        objectType: 'user',
        objectId: user.id,
        ...(accepted.detail ? { detail: accepted.detail } : {}),
      });
      return { next: nextAfterSecondFactor(user), cookie };
    });
    if (!outcome) {
      throw new AppError(
        'UNAUTHENTICATED',
        action === 'auth.totp'
          ? 'The code is wrong, expired or already used.'
          : 'Unknown or already used recovery code.',
      );
    }
    return outcome;
  }

  function nextAfterSecondFactor(user: {
    must_change_password: boolean;
    password_changed_at: Date;
  }): LoginStep {
    const maxAge = config.passwordPolicy.maxAgeDays;
    const expired =
      maxAge > 0 && Date.now() - new Date(user.password_changed_at).getTime() > maxAge * 86_400_000;
    return user.must_change_password || expired ? 'change_password' : 'done';
  }

  return {
    /** Password step. Creates a session that still needs the second factor. */
    async signIn(input: { username: string; password: string; sourceIp: string | null }) {
      const ipKey = throttleKeys.address(input.sourceIp);
      const pairKey = throttleKeys.pair(input.sourceIp, input.username);
      const userKey = throttleKeys.account(input.username);
      const blocked = (await throttled(ipKey)) ?? (await throttled(pairKey)) ?? (await throttled(userKey));
      if (blocked) {
        throw new AppError(
          'RATE_LIMITED',
          `Too many failed sign-ins; try again after ${blocked.toISOString()}.`,
          { retryAfterSeconds: secondsUntil(blocked) },
        );
      }
      const candidates = await read.findUsersByUsername(input.username);
      const user = candidates.length === 1 ? candidates[0] : undefined;
      let ok = false;
      if (user) ok = await verifyPassword(user.password_hash, input.password);
      else await burnPasswordCheck(input.password);
      if (!user || !ok) {
        await read.recordFailure(ipKey, WINDOW_MINUTES, config.signInAddressFailures, () => WINDOW_MINUTES);
        await read.recordFailure(pairKey, WINDOW_MINUTES, PAIR_LIMIT, pairBlock);
        await read.recordFailure(userKey, WINDOW_MINUTES, ACCOUNT_LIMIT, accountBlock);
        await runTransaction(db, (trx) =>
          audit(
            trx,
            {
              districtCode: user?.district_code ?? SYSTEM_DISTRICT,
              username: input.username,
              sourceIp: input.sourceIp,
            },
            {
              action: 'auth.sign_in',
              result: 'failure',
              objectType: 'user',
              ...(user ? { objectId: user.id } : {}),
            },
          ),
        );
        throw new AppError('UNAUTHENTICATED', 'Wrong username or password.');
      }
      // Only the password counters: failed second factors stay counted (see above).
      await read.clearThrottle(pairKey);
      await read.clearThrottle(userKey);
      const token = crypto.randomBytes(32).toString('base64url');
      const sessionId = uuidv7();
      const maxAgeSeconds = config.session.maxHours * 3600;
      await runTransaction(db, async (trx) => {
        await createAuthRepository(trx).insertSession({
          district_code: user.district_code,
          id: sessionId,
          user_id: user.id,
          token_hash: tokenHash(token),
          expires_at: new Date(Date.now() + maxAgeSeconds * 1000),
          source_ip: input.sourceIp,
        });
        // No principal before the second factor, but the auditor still reads whose roles signed in.
        const grants = await createAuthRepository(trx).grantsOf(user.district_code, user.id);
        await audit(
          trx,
          {
            districtCode: user.district_code,
            username: user.username,
            roles: grants.map((g) => g.role).join(','),
            sourceIp: input.sourceIp,
          },
          { action: 'auth.password', result: 'success', objectType: 'user', objectId: user.id },
        );
      });
      const next: LoginStep = user.totp_enabled ? 'totp' : 'enroll';
      return {
        next,
        cookie: { value: `${user.district_code}.${token}`, maxAgeSeconds } satisfies SessionCookie,
      };
    },

    /**
     * Resolves the cookie to a principal; expired or idle sessions are revoked on the way. A
     * principal kept from an earlier request of this session is used while the district's auth
     * version is unchanged and no touch is due (see KEPT_PRINCIPALS above).
     */
    async resolve(cookie: string | undefined): Promise<Principal | undefined> {
      const match = cookie ? /^(\d{6})\.([A-Za-z0-9_-]{43})$/.exec(cookie) : null;
      if (!match) return undefined;
      const [, districtCode, token] = match as unknown as [string, string, string];
      const hash = tokenHash(token);
      const key = `${districtCode}.${hash.toString('base64url')}`;
      // Read before the session's rows: a change committed after this read bumps past it, so a
      // principal resolved from rows older than the change is never kept under a newer version.
      const version = await read.authEpoch(districtCode);
      const now = new Date();
      const idleMs = config.session.idleMinutes * 60_000;
      const entry = kept.get(key);
      if (
        entry &&
        entry.version === version &&
        entry.expiresAt > now.getTime() &&
        now.getTime() - entry.lastSeenAt <= Math.min(TOUCH_EVERY_MS, idleMs)
      ) {
        keep(key, entry);
        const principal = copyOfPrincipal(entry.principal);
        principal.mustChangePassword =
          nextAfterSecondFactor({
            must_change_password: entry.mustChangePassword,
            password_changed_at: entry.passwordChangedAt,
          }) === 'change_password';
        return principal;
      }
      kept.delete(key);
      const row = await read.findLiveSession(districtCode, hash);
      if (!row) return undefined;
      if (row.expires_at <= now || now.getTime() - new Date(row.last_seen_at).getTime() > idleMs) {
        await read.revokeSession(districtCode, row.session_id);
        return undefined;
      }
      let lastSeenAt = new Date(row.last_seen_at).getTime();
      // Touch at most once a minute: the idle clock needs minutes, not every request.
      if (now.getTime() - lastSeenAt > TOUCH_EVERY_MS) {
        await read.touchSession(districtCode, row.session_id, now);
        lastSeenAt = now.getTime();
      }
      const grants = await read.grantsOf(districtCode, row.user_id);
      // Every request resolves its session: ask for the district's name only when a grant needs it.
      const district = grants.some((g) => g.scope_region_id === null && g.scope_department_id === null)
        ? await read.districtName(districtCode)
        : undefined;
      const { grants: parsed, permissions } = principalGrants(grants, districtCode, district?.name);
      const principal: Principal = {
        userId: row.user_id,
        districtCode,
        username: row.username,
        displayName: row.display_name,
        demo: row.demo,
        sessionId: row.session_id,
        mfaPassed: row.mfa_passed,
        mustChangePassword: nextAfterSecondFactor(row) === 'change_password',
        grants: parsed,
        permissions,
        authVersion: version,
      };
      // Only past the second factor: passing it replaces the token without a version bump
      // (auth.repository.ts passSecondFactor), so the token before it must be kept nowhere.
      if (!row.mfa_passed) return principal;
      keep(key, {
        version,
        principal: Object.freeze({
          ...copyOfPrincipal(principal),
          grants: principal.grants.map((g) => Object.freeze({ ...g })),
        }),
        lastSeenAt,
        expiresAt: row.expires_at.getTime(),
        passwordChangedAt: new Date(row.password_changed_at),
        mustChangePassword: row.must_change_password,
      });
      return principal;
    },

    verifyTotp(principal: Principal, code: string, sourceIp: string | null) {
      return attemptSecondFactor(principal, sourceIp, 'auth.totp', (user) => {
        const step = user.totp_secret_enc
          ? acceptedStep(
              cipher.decrypt(user.totp_secret_enc),
              code,
              user.totp_last_step === null ? null : Number(user.totp_last_step),
            )
          : null;
        return step === null ? null : { changes: { totp_last_step: step } };
      });
    },

    async startEnrollment(principal: Principal) {
      const user = await read.findUser(principal.districtCode, principal.userId);
      if (!user || user.totp_enabled) throw new AppError('CONFLICT', 'An authenticator is already enrolled.');
      const secret = newTotpSecret();
      await read.updateUser(user.district_code, user.id, { totp_secret_enc: cipher.encrypt(secret) });
      return enrollmentFor(secret, `${user.username}@${user.district_code}`);
    },

    async confirmEnrollment(principal: Principal, code: string, sourceIp: string | null) {
      const user = await read.findUser(principal.districtCode, principal.userId);
      if (!user || user.totp_enabled || !user.totp_secret_enc)
        throw new AppError('CONFLICT', 'Start the enrolment first.');
      const step = acceptedStep(cipher.decrypt(user.totp_secret_enc), code, null);
      if (step === null)
        throw new AppError('VALIDATION_FAILED', 'The code does not match; check the time on the phone.');
      const recoveryCodes = newRecoveryCodes();
      const cookie = await runTransaction(db, async (trx) => {
        await createAuthRepository(trx).updateUser(user.district_code, user.id, {
          totp_enabled: true,
          totp_last_step: step,
          recovery_code_hashes: JSON.stringify(recoveryCodes.map(hashRecoveryCode)),
        });
        const rotated = await passSecondFactor(trx, principal);
        await audit(
          trx,
          { principal, districtCode: principal.districtCode, sourceIp },
          { action: 'auth.totp_enrolled', result: 'success', objectType: 'user', objectId: user.id },
        );
        return rotated;
      });
      return { next: nextAfterSecondFactor(user), recoveryCodes, cookie };
    },

    useRecoveryCode(principal: Principal, code: string, sourceIp: string | null) {
      return attemptSecondFactor(principal, sourceIp, 'auth.recovery_code', (user) => {
        const hashes = (
          Array.isArray(user.recovery_code_hashes) ? user.recovery_code_hashes : []
        ) as string[];
        const wanted = hashRecoveryCode(code);
        if (!hashes.includes(wanted)) return null;
        return {
          changes: { recovery_code_hashes: JSON.stringify(hashes.filter((h) => h !== wanted)) },
          detail: { remaining: hashes.length - 1 },
        };
      });
    },

    async changePassword(
      principal: Principal,
      current: string,
      next: string,
      sourceIp: string | null,
    ): Promise<LoginStep> {
      const user = await read.findUser(principal.districtCode, principal.userId);
      if (!user || !(await verifyPassword(user.password_hash, current))) {
        // A wrong current password is a refused credential check: audited like a failed sign-in.
        await runTransaction(db, (trx) =>
          audit(
            trx,
            { principal, districtCode: principal.districtCode, sourceIp },
            {
              action: 'auth.password_changed',
              result: 'denied',
              objectType: 'user',
              objectId: principal.userId,
              detail: { reason: 'wrong_current_password' },
            },
          ),
        );
        throw new AppError('UNAUTHENTICATED', 'The current password is wrong.');
      }
      const problems = passwordProblems(next, config.passwordPolicy);
      if (next === current) problems.push('common');
      if (problems.length > 0) {
        throw new AppError('VALIDATION_FAILED', 'The new password does not meet the policy.', {
          issues: problems.map((p) => ({ path: 'body.newPassword', reason: p, message: `password.${p}` })),
        });
      }
      const hash = await hashPassword(next);
      await runTransaction(db, async (trx) => {
        const repo = createAuthRepository(trx);
        await repo.updateUser(user.district_code, user.id, {
          password_hash: hash,
          password_changed_at: new Date(),
          must_change_password: false,
        });
        // Whoever else held a session of this account (a stolen cookie is why people change a
        // password) is signed out; the session that changed it stays.
        await repo.revokeUserSessions(user.district_code, user.id, principal.sessionId);
        await audit(
          trx,
          { principal, districtCode: principal.districtCode, sourceIp },
          { action: 'auth.password_changed', result: 'success', objectType: 'user', objectId: user.id },
        );
      });
      return 'done';
    },

    async signOut(principal: Principal, sourceIp: string | null) {
      await runTransaction(db, async (trx) => {
        await createAuthRepository(trx).revokeSession(principal.districtCode, principal.sessionId);
        await audit(
          trx,
          { principal, districtCode: principal.districtCode, sourceIp },
          { action: 'auth.sign_out', result: 'success', objectType: 'user', objectId: principal.userId },
        );
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { passwordProblems } from '../../../shared/auth/password-policy.ts';
import { ROLE_PERMISSIONS, type Role, roleSchema } from '../../../shared/auth/roles.ts';
import type { LoginStep } from '../../../shared/domain/auth.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { Config } from '../../config.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { audit, SYSTEM_DISTRICT } from '../audit/audit.ts';
import { createAuthRepository } from './auth.repository.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.ts';
import type { Principal, PrincipalGrant } from './principal.ts';
import { acceptedStep, enrollmentFor, hashRecoveryCode, newRecoveryCodes, newTotpSecret } from './totp.ts';

// Throttling (trust.md §2): per account, 5 failures in 15 minutes block it for a while that
// doubles with each further failure, capped at 15 minutes — never for good, so nobody can lock
// a colleague out permanently. Per address, 30 failures in 15 minutes block the address.
const ACCOUNT_LIMIT = 5;
const ADDRESS_LIMIT = 30;
const WINDOW_MINUTES = 15;
const accountBlock = (failures: number) => Math.min(15, 2 ** (failures - ACCOUNT_LIMIT));

export const SESSION_COOKIE = 'mq_session';

export interface SessionCookie {
  value: string;
  maxAgeSeconds: number;
}

const secondsUntil = (when: Date) => Math.max(1, Math.ceil((when.getTime() - Date.now()) / 1000));

function tokenHash(token: string): Buffer {
  return crypto.createHash('sha256').update(token).digest();
}

export function createAuthService(deps: { db: Kysely<DB>; config: Config; cipher: PiiCipher }) {
  const { db, config, cipher } = deps;
  const read = createAuthRepository(db);

  async function throttled(key: string): Promise<Date | null> {
    const state = await read.throttleState(key);
    return state?.blocked_until && state.blocked_until > new Date() ? state.blocked_until : null;
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
      const ipKey = `ip:${input.sourceIp ?? 'unknown'}`;
      const userKey = `user:${input.username.toLowerCase()}`;
      const blocked = (await throttled(ipKey)) ?? (await throttled(userKey));
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
        await read.recordFailure(ipKey, WINDOW_MINUTES, ADDRESS_LIMIT, () => WINDOW_MINUTES);
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
        await audit(
          trx,
          { districtCode: user.district_code, username: user.username, sourceIp: input.sourceIp },
          { action: 'auth.password', result: 'success', objectType: 'user', objectId: user.id },
        );
      });
      const next: LoginStep = user.totp_enabled ? 'totp' : 'enroll';
      return {
        next,
        cookie: { value: `${user.district_code}.${token}`, maxAgeSeconds } satisfies SessionCookie,
      };
    },

    /** Resolves the cookie to a principal; expired or idle sessions are revoked on the way. */
    async resolve(cookie: string | undefined): Promise<Principal | undefined> {
      const match = cookie ? /^(\d{6})\.([A-Za-z0-9_-]{43})$/.exec(cookie) : null;
      if (!match) return undefined;
      const [, districtCode, token] = match as unknown as [string, string, string];
      const row = await read.findLiveSession(districtCode, tokenHash(token));
      if (!row) return undefined;
      const now = new Date();
      const idleMs = config.session.idleMinutes * 60_000;
      if (row.expires_at <= now || now.getTime() - new Date(row.last_seen_at).getTime() > idleMs) {
        await read.revokeSession(districtCode, row.session_id);
        return undefined;
      }
      // Touch at most once a minute: the idle clock needs minutes, not every request.
      if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
        await read.touchSession(districtCode, row.session_id, now);
      }
      const grants = await read.grantsOf(districtCode, row.user_id);
      // Every request resolves its session: ask for the district's name only when a grant needs it.
      const district = grants.some((g) => g.scope_region_id === null && g.scope_department_id === null)
        ? await read.districtName(districtCode)
        : undefined;
      const parsed = grants.map(
        (g): PrincipalGrant =>
          g.scope_department_id
            ? {
                role: roleSchema.parse(g.role),
                scopeRegionId: null,
                scopeDepartmentId: g.scope_department_id,
                scopeDepartmentName: g.department_name,
                // The department's own node (see DEPARTMENT_REACH in principal.ts).
                scopePath: g.department_path ?? districtCode,
                scopeName: g.department_name ?? g.scope_department_id,
              }
            : {
                role: roleSchema.parse(g.role),
                scopeRegionId: g.scope_region_id,
                scopeDepartmentId: null,
                scopeDepartmentName: null,
                scopePath: g.path ?? districtCode,
                scopeName: g.name ?? district?.name ?? districtCode,
              },
      );
      return {
        userId: row.user_id,
        districtCode,
        username: row.username,
        displayName: row.display_name,
        demo: row.demo,
        sessionId: row.session_id,
        mfaPassed: row.mfa_passed,
        mustChangePassword: nextAfterSecondFactor(row) === 'change_password',
        grants: parsed,
        permissions: new Set(parsed.flatMap((g) => ROLE_PERMISSIONS[g.role as Role])),
      };
    },

    async verifyTotp(principal: Principal, code: string, sourceIp: string | null): Promise<LoginStep> {
      const user = await read.findUser(principal.districtCode, principal.userId);
      if (!user?.totp_enabled || !user.totp_secret_enc)
        throw new AppError('CONFLICT', 'No authenticator is enrolled.');
      const userKey = `user:${user.username.toLowerCase()}`;
      const blocked = await throttled(userKey);
      if (blocked)
        throw new AppError(
          'RATE_LIMITED',
          `Too many failed codes; try again after ${blocked.toISOString()}.`,
          { retryAfterSeconds: secondsUntil(blocked) },
        );
      const step = acceptedStep(
        cipher.decrypt(user.totp_secret_enc),
        code,
        user.totp_last_step === null ? null : Number(user.totp_last_step),
      );
      const actor = { principal, districtCode: principal.districtCode, sourceIp };
      if (step === null) {
        await read.recordFailure(userKey, WINDOW_MINUTES, ACCOUNT_LIMIT, accountBlock);
        await runTransaction(db, (trx) =>
          audit(trx, actor, {
            action: 'auth.totp',
            result: 'failure',
            objectType: 'user',
            objectId: user.id,
          }),
        );
        throw new AppError('UNAUTHENTICATED', 'The code is wrong, expired or already used.');
      }
      await runTransaction(db, async (trx) => {
        const repo = createAuthRepository(trx);
        await repo.updateUser(user.district_code, user.id, { totp_last_step: step });
        await repo.passSecondFactor(user.district_code, principal.sessionId);
        await audit(trx, actor, {
          action: 'auth.totp',
          result: 'success',
          objectType: 'user',
          objectId: user.id,
        });
      });
      return nextAfterSecondFactor(user);
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
      await runTransaction(db, async (trx) => {
        const repo = createAuthRepository(trx);
        await repo.updateUser(user.district_code, user.id, {
          totp_enabled: true,
          totp_last_step: step,
          recovery_code_hashes: JSON.stringify(recoveryCodes.map(hashRecoveryCode)),
        });
        await repo.passSecondFactor(user.district_code, principal.sessionId);
        await audit(
          trx,
          { principal, districtCode: principal.districtCode, sourceIp },
          { action: 'auth.totp_enrolled', result: 'success', objectType: 'user', objectId: user.id },
        );
      });
      return { next: nextAfterSecondFactor(user), recoveryCodes };
    },

    async useRecoveryCode(principal: Principal, code: string, sourceIp: string | null): Promise<LoginStep> {
      const user = await read.findUser(principal.districtCode, principal.userId);
      if (!user?.totp_enabled) throw new AppError('CONFLICT', 'No authenticator is enrolled.');
      const hashes = (Array.isArray(user.recovery_code_hashes) ? user.recovery_code_hashes : []) as string[];
      const wanted = hashRecoveryCode(code);
      const actor = { principal, districtCode: principal.districtCode, sourceIp };
      if (!hashes.includes(wanted)) {
        await read.recordFailure(
          `user:${user.username.toLowerCase()}`,
          WINDOW_MINUTES,
          ACCOUNT_LIMIT,
          accountBlock,
        );
        await runTransaction(db, (trx) =>
          audit(trx, actor, {
            action: 'auth.recovery_code',
            result: 'failure',
            objectType: 'user',
            objectId: user.id,
          }),
        );
        throw new AppError('UNAUTHENTICATED', 'Unknown or already used recovery code.');
      }
      await runTransaction(db, async (trx) => {
        const repo = createAuthRepository(trx);
        await repo.updateUser(user.district_code, user.id, {
          recovery_code_hashes: JSON.stringify(hashes.filter((h) => h !== wanted)),
        });
        await repo.passSecondFactor(user.district_code, principal.sessionId);
        await audit(trx, actor, {
          action: 'auth.recovery_code',
          result: 'success',
          objectType: 'user',
          objectId: user.id,
          detail: { remaining: hashes.length - 1 },
        });
      });
      return nextAfterSecondFactor(user);
    },

    async changePassword(
      principal: Principal,
      current: string,
      next: string,
      sourceIp: string | null,
    ): Promise<LoginStep> {
      const user = await read.findUser(principal.districtCode, principal.userId);
      if (!user || !(await verifyPassword(user.password_hash, current))) {
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
        await createAuthRepository(trx).updateUser(user.district_code, user.id, {
          password_hash: hash,
          password_changed_at: new Date(),
          must_change_password: false,
        });
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

import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { PhoneCodeRequest, PhoneCodeSent } from '../../../shared/domain/public-entry.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { audit } from '../audit/audit.ts';
import { createNotificationRepository } from '../notifications/notifications.repository.ts';
import { createPhoneCodeRepository } from './phone-codes.repository.ts';
import { publicIntakeSettings } from './public-intake-settings.ts';
import { publicPlaceOf } from './public-place.ts';

/** The outbox topic of the text that carries a code (delivered by phone-code-sms.ts). */
export const PHONE_CODE_TOPIC = 'public.phone_code';
/** A code is good for ten minutes and five tries; a phone gets one a minute and five an hour. */
export const PHONE_CODE_TTL_SECONDS = 600;
export const PHONE_CODE_TRIES = 5;
export const PHONE_CODE_RESEND_SECONDS = 60;
export const PHONE_CODES_PER_HOUR = 5;
const SWEEP_AFTER_MS = 24 * 3600_000;

/** The keyed hash of a code, bound to its row so equal codes of two rows hash apart. */
export const phoneCodeHash = (cipher: PiiCipher, id: string, code: string) =>
  cipher.hash(`minqing/phone-code/v1|${id}|${code}`);

export interface PhoneCodeContext {
  db: Kysely<DB>;
  cipher: PiiCipher;
  now: Date;
  sourceIp: string | null;
}

/**
 * Sends a six-digit code to confirm a public reporter's phone, where the district asks for it
 * (issue 15 §5). Per address the route's rate limit applies; per phone one code a minute and five
 * an hour. Only hashes of the phone and the code are stored; the text goes through the outbox, in
 * the same transaction, with the code encrypted (never in plain in any table) and the phone read
 * from the code's own row at delivery.
 */
export async function sendPhoneCode(ctx: PhoneCodeContext, input: PhoneCodeRequest): Promise<PhoneCodeSent> {
  const place = await publicPlaceOf(ctx.db, input);
  const { districtCode } = place;
  if (!(await publicIntakeSettings(ctx.db, districtCode, place.authVersion)).phoneVerification)
    throw new AppError('VALIDATION_FAILED', 'Reports to this place need no SMS code.', {
      issues: [{ path: 'body.phone', reason: 'not_required', message: 'No SMS code is needed here.' }],
    });
  const phoneHash = ctx.cipher.hash(input.phone);
  const id = uuidv7();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await runTransaction(ctx.db, async (trx) => {
    const repo = createPhoneCodeRepository(trx);
    // Counted under the lock of the phone's newest code, so sends at once cannot all pass. (The
    // very first sends to a phone have no row to queue on.)
    await repo.lockLatest(districtCode, phoneHash);
    const recent = await repo.sentSince(districtCode, phoneHash, new Date(ctx.now.getTime() - 3600_000));
    const last = recent[0] ? new Date(recent[0].created_at).getTime() : null;
    if (last !== null && ctx.now.getTime() - last < PHONE_CODE_RESEND_SECONDS * 1000) {
      const wait = Math.ceil((last + PHONE_CODE_RESEND_SECONDS * 1000 - ctx.now.getTime()) / 1000);
      throw new AppError('RATE_LIMITED', 'A code was sent to this phone a moment ago.', {
        retryAfterSeconds: wait,
      });
    }
    if (recent.length >= PHONE_CODES_PER_HOUR) {
      const oldest = new Date(recent[recent.length - 1]?.created_at ?? ctx.now).getTime();
      const wait = Math.max(1, Math.ceil((oldest + 3600_000 - ctx.now.getTime()) / 1000));
      throw new AppError('RATE_LIMITED', 'Too many codes for this phone; try again later.', {
        retryAfterSeconds: wait,
      });
    }
    await repo.sweep(districtCode, new Date(ctx.now.getTime() - SWEEP_AFTER_MS));
    await repo.insert({
      district_code: districtCode,
      id,
      phone_hash: phoneHash,
      phone_enc: ctx.cipher.encrypt(input.phone),
      code_hash: phoneCodeHash(ctx.cipher, id, code),
      created_at: ctx.now,
      expires_at: new Date(ctx.now.getTime() + PHONE_CODE_TTL_SECONDS * 1000),
    });
    await createNotificationRepository(trx).insertOutbox([
      {
        district_code: districtCode,
        id: uuidv7(),
        channel: 'sms',
        topic: PHONE_CODE_TOPIC,
        case_id: null,
        recipient: null,
        next_attempt_at: ctx.now,
        payload: JSON.stringify({
          codeId: id,
          code: Buffer.from(ctx.cipher.encrypt(code)).toString('base64'),
        }),
      },
    ]);
    await audit(
      trx,
      { districtCode, username: 'public', sourceIp: ctx.sourceIp },
      {
        action: 'public_intake.phone_code_sent',
        result: 'success',
        objectType: 'region',
        objectId: place.regionId,
      },
    );
  });
  return { expiresInSeconds: PHONE_CODE_TTL_SECONDS, resendAfterSeconds: PHONE_CODE_RESEND_SECONDS };
}

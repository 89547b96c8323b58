import type { Kysely } from 'kysely';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { DB } from '../../db/schema.ts';
import type { SmsGateway } from '../notifications/sms-gateway.ts';
import { createPhoneCodeRepository } from './phone-codes.repository.ts';
import { PHONE_CODE_TTL_SECONDS } from './send-phone-code.ts';

/** The text of a code; the resident reads it, so it is Chinese. */
export function phoneCodeText(code: string): string {
  return `【民情】您的验证码是${code}，${PHONE_CODE_TTL_SECONDS / 60}分钟内有效。如非本人操作，请忽略本短信。`;
}

/**
 * Delivers one outbox message of a phone code (topic PHONE_CODE_TOPIC): the phone from the code's
 * row, the code from the message (encrypted). A code that expired or was used before the text
 * went out is not sent.
 */
export async function deliverPhoneCode(
  trx: Kysely<DB>,
  deps: { cipher: PiiCipher; sms: SmsGateway },
  message: { district_code: string; payload: unknown },
  now: Date,
): Promise<void> {
  const payload = message.payload as { codeId?: unknown; code?: unknown };
  if (typeof payload.codeId !== 'string' || typeof payload.code !== 'string')
    throw new Error('phone code message without its code');
  const row = await createPhoneCodeRepository(trx).forDelivery(message.district_code, payload.codeId);
  if (!row || row.used_at !== null || new Date(row.expires_at).getTime() <= now.getTime()) return;
  const code = deps.cipher.decrypt(Buffer.from(payload.code, 'base64'));
  await deps.sms.send(deps.cipher.decrypt(row.phone_enc), phoneCodeText(code));
}

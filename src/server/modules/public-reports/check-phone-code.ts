import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { DB } from '../../db/schema.ts';
import { createPhoneCodeRepository } from './phone-codes.repository.ts';
import { PHONE_CODE_TRIES, phoneCodeHash } from './send-phone-code.ts';

/**
 * Checks the SMS code of a report to a district that asks for one, before the case is written;
 * every try is counted at once (and stays counted though the report is refused). Returns the
 * code's id, which the case's transaction then uses up (`spendPhoneCode`).
 */
export async function checkPhoneCode(
  db: Kysely<DB>,
  cipher: PiiCipher,
  input: { districtCode: string; phone: string; phoneCode: string | undefined; now: Date },
): Promise<string> {
  if (!input.phoneCode)
    throw new AppError('PHONE_CODE_REQUIRED', 'Confirm the phone with the code sent by SMS.');
  const repo = createPhoneCodeRepository(db);
  const latest = await repo.latest(input.districtCode, cipher.hash(input.phone));
  const expired = () =>
    new AppError('PHONE_CODE_EXPIRED', 'No valid SMS code for this phone; ask for a new one.');
  if (!latest || new Date(latest.expires_at).getTime() <= input.now.getTime()) throw expired();
  // Every try is taken before the comparison, the right one too: at most PHONE_CODE_TRIES.
  if (!(await repo.takeTry(input.districtCode, latest.id, PHONE_CODE_TRIES))) throw expired();
  const given = Buffer.from(phoneCodeHash(cipher, latest.id, input.phoneCode));
  const stored = Buffer.from(latest.code_hash);
  if (given.length !== stored.length || !timingSafeEqual(given, stored))
    throw new AppError('PHONE_CODE_WRONG', 'The SMS code is not right.');
  return latest.id;
}

/** Uses the checked code up in the case's transaction; a code used meanwhile refuses the report. */
export async function spendPhoneCode(
  trx: Kysely<DB>,
  districtCode: string,
  id: string,
  now: Date,
): Promise<void> {
  if (!(await createPhoneCodeRepository(trx).use(districtCode, id, now)))
    throw new AppError('PHONE_CODE_EXPIRED', 'This SMS code was used already; ask for a new one.');
}

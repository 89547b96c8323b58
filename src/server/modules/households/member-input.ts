import { type MemberProblem, memberProblems } from '../../../shared/domain/household.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { phoneLastFour } from '../../../shared/validation/mask.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { HouseholdRepository } from './households.repository.ts';

/** Refuses a member whose birth date, gender and ID number do not fit together (422). */
export function assertMemberConsistent(member: {
  gender: 'M' | 'F';
  birthDate: string;
  idNumber: string | null;
}): void {
  const problems: MemberProblem[] = memberProblems(member);
  if (problems.length === 0) return;
  throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join(' '), {
    issues: problems.map((p) => ({ path: `body.${p.field}`, reason: p.reason, message: p.message })),
  });
}

/** The same answer for every duplicate, so it never tells whose number it is. */
export function duplicateIdNumber(): AppError {
  return new AppError('CONFLICT', 'This ID number is already on record in the district.', {
    issues: [{ path: 'body.idNumber', reason: 'duplicate', message: 'ID number already on record' }],
  });
}

/**
 * Makes sure an ID number (by its keyed hash) belongs to nobody else alive in the district; a
 * removed person holding it gives it up.
 */
export async function claimIdNumber(
  repo: HouseholdRepository,
  districtCode: string,
  hash: Uint8Array,
  selfId?: string,
): Promise<void> {
  const holder = await repo.findByIdNumberHash(districtCode, hash);
  if (!holder || holder.id === selfId) return;
  if (holder.removed_at === null) throw duplicateIdNumber();
  await repo.releaseIdNumberHash(districtCode, holder.id);
}

/** ID number and phone as stored: ciphertext and keyed hash, or nothing. */
export function sealIdNumber(cipher: PiiCipher, idNumber: string | null) {
  return idNumber
    ? { id_number_enc: cipher.encrypt(idNumber), id_number_hash: cipher.hash(idNumber) }
    : { id_number_enc: null, id_number_hash: null };
}

export function sealPhone(cipher: PiiCipher, phone: string | null) {
  return phone
    ? { phone_enc: cipher.encrypt(phone), phone_hash: cipher.hash(phone), phone_last4: phoneLastFour(phone) }
    : { phone_enc: null, phone_hash: null, phone_last4: null };
}

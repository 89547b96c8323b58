import type { Kysely } from 'kysely';
import { phoneLastFour } from '../../../shared/validation/mask.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { DB } from '../../db/schema.ts';
import { createFieldDirectoryRepository } from './field-directory.repository.ts';

const BATCH = 2_000;

/**
 * Fills the last four digits of phones stored before they were kept beside the ciphertext
 * (migration 20261205T2310, which has no key to decrypt with), and of rows a restored backup
 * brought back without them. Runs at start-up; once filled, one indexed query finds nothing.
 * Every write path keeps them itself (`phoneLastFour`).
 */
export async function fillPhoneLastFour(db: Kysely<DB>, cipher: PiiCipher): Promise<number> {
  const repo = createFieldDirectoryRepository(db);
  let filled = 0;
  for (;;) {
    const rows = await repo.personsWithoutLastFour(BATCH);
    if (rows.length === 0) break;
    await repo.setPersonLastFour(
      rows.map((r) => ({ district_code: r.district_code, id: r.id, last4: lastFourOf(cipher, r.phone_enc) })),
    );
    filled += rows.length;
  }
  for (;;) {
    const rows = await repo.enterprisesWithoutLastFour(BATCH);
    if (rows.length === 0) break;
    await repo.setEnterpriseLastFour(
      rows.map((r) => ({
        district_code: r.district_code,
        id: r.id,
        last4: lastFourOf(cipher, r.contact_phone_enc),
      })),
    );
    filled += rows.length;
  }
  return filled;
}

/** '' for a phone that does not decrypt or has fewer than four digits: marked done, never matched. */
function lastFourOf(cipher: PiiCipher, sealed: Uint8Array | null): string {
  if (!sealed) return '';
  try {
    return phoneLastFour(cipher.decrypt(sealed)) ?? '';
  } catch {
    return '';
  }
}

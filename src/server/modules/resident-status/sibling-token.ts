import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../../db/schema.ts';
import { createResidentStatusRepository } from './resident-status.repository.ts';
import { newStatusToken } from './status-token.ts';

/**
 * A new token for the case of an existing link, minted where the first token cannot be kept: when
 * a status-link text is sent (the outbox names the link, never a token) and when a public report is
 * replayed by its Idempotency-Key (the stored answer names the link, never a token). Null when that
 * link was revoked (or is gone) meanwhile: nothing is sent or shown. In the caller's transaction,
 * so a failed send leaves no token behind.
 */
export async function mintSiblingToken(
  trx: Kysely<DB>,
  districtCode: string,
  linkId: string,
  now: Date,
): Promise<string | null> {
  const repo = createResidentStatusRepository(trx);
  const link = await repo.link(districtCode, linkId);
  if (!link || link.revoked_at) return null;
  const { token, hash } = newStatusToken(districtCode);
  await repo.insertLink({
    district_code: districtCode,
    id: uuidv7(),
    case_id: link.case_id,
    token_hash: hash,
    created_at: now,
  });
  return token;
}

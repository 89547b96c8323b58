import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, type AuditEvent, audit } from './audit.ts';

/**
 * One personal field in full, for a caller with `pii:unmask` (docs/specs/trust.md §14). The view
 * is recorded before the value leaves: no audit row, no value.
 */
export async function unmaskAudited(
  db: Kysely<DB>,
  cipher: PiiCipher,
  actor: AuditActor,
  sealed: Uint8Array | null,
  object: Required<Pick<AuditEvent, 'objectType' | 'objectId' | 'detail'>>,
): Promise<string> {
  if (!sealed) throw new AppError('NOT_FOUND', 'That field is empty.');
  const value = cipher.decrypt(sealed);
  await runTransaction(db, (trx) =>
    audit(trx, actor, { action: 'pii.unmask', result: 'success', ...object }),
  );
  return value;
}

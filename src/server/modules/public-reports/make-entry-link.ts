import type { Kysely } from 'kysely';
import type { EntryChannel } from '../../../shared/domain/public-entry.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { signEntry } from './entry-signature.ts';

/**
 * An administrator's entry link (issue 15 §5), e.g. for a WeChat official account's menu: the form's
 * path with `?entry=<signed channel>`. Nothing is stored but the audit row; the signature is what
 * makes the link count.
 */
export async function makeEntryLink(
  db: Kysely<DB>,
  cipher: PiiCipher,
  actor: AuditActor,
  input: { channel: EntryChannel; path: string },
): Promise<{ entry: string; path: string }> {
  const entry = signEntry(cipher, input.channel);
  const path = `${input.path}?entry=${encodeURIComponent(entry)}`;
  await runTransaction(db, (trx) =>
    audit(trx, actor, {
      action: 'public_intake.entry_link_made',
      result: 'success',
      objectType: 'district',
      objectId: actor.districtCode,
      detail: { channel: input.channel, path: input.path },
    }),
  );
  return { entry, path };
}

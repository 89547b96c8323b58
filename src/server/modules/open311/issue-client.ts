import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { CreateOpen311Client, IssuedOpen311Client } from '../../../shared/domain/open311.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { newApiKey } from './api-keys.ts';
import { createOpen311Repository } from './open311.repository.ts';

/** An administrator issues an Open311 client its key: shown in this answer once, kept as a hash; audited. */
export function issueOpen311Client(
  ctx: { db: Kysely<DB>; principal: Principal; actor: AuditActor; now: Date },
  input: CreateOpen311Client,
): Promise<IssuedOpen311Client> {
  const districtCode = ctx.principal.districtCode;
  const { key, hash } = newApiKey(districtCode);
  const id = uuidv7();
  return runTransaction(ctx.db, async (trx) => {
    await createOpen311Repository(trx).insertClient({
      district_code: districtCode,
      id,
      name: input.name,
      key_hash: hash,
      created_at: ctx.now,
      created_by: ctx.principal.userId,
    });
    await audit(trx, ctx.actor, {
      action: 'open311_client.issued',
      result: 'success',
      objectType: 'open311_client',
      objectId: id,
      detail: { name: input.name },
    });
    return { id, name: input.name, apiKey: key };
  });
}

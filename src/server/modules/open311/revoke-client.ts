import type { Kysely } from 'kysely';
import type { Open311Client } from '../../../shared/domain/open311.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { clientView } from './client-view.ts';
import { createOpen311Repository } from './open311.repository.ts';

/**
 * Revokes a client's key at once (its next request answers 403); audited. Revoking a revoked
 * client changes nothing and answers it as it is, so a retried click is harmless.
 */
export function revokeOpen311Client(
  ctx: { db: Kysely<DB>; principal: Principal; actor: AuditActor; now: Date },
  id: string,
): Promise<Open311Client> {
  const districtCode = ctx.principal.districtCode;
  return runTransaction(ctx.db, async (trx) => {
    const repo = createOpen311Repository(trx);
    const client = await repo.clientById(districtCode, id);
    if (!client) throw new AppError('NOT_FOUND', 'No such Open311 client.');
    if (await repo.revokeClient(districtCode, id, ctx.principal.userId, ctx.now)) {
      await audit(trx, ctx.actor, {
        action: 'open311_client.revoked',
        result: 'success',
        objectType: 'open311_client',
        objectId: id,
        detail: { name: client.name },
      });
    }
    const row = await repo.clientById(districtCode, id);
    if (!row) throw new AppError('INTERNAL', 'The client just revoked is missing.');
    return clientView(row);
  });
}

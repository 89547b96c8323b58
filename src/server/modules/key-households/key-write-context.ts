import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { createHouseholdRepository } from '../households/households.repository.ts';

export interface KeyWriteContext {
  db: Kysely<DB>;
  principal: Principal;
  actor: AuditActor;
}

/** The live household in the caller's households:write scope, or 404. */
export async function writableHousehold(trx: Kysely<DB>, principal: Principal, id: string) {
  const h = await createHouseholdRepository(trx).findInScope(scopeFor(principal, 'households:write'), id);
  if (!h) throw new AppError('NOT_FOUND', 'No such household.');
  return h;
}

/** "五个要" records and new plans are for key households only. */
export function notKey(): AppError {
  return new AppError('CONFLICT', 'This household is not a key household (no tag marks it as one).');
}

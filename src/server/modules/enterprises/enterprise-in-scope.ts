import type { Kysely, Transaction } from 'kysely';
import type { Permission } from '../../../shared/auth/roles.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { createEnterpriseRepository, type EnterpriseRepository } from './enterprises.repository.ts';

export type EnterpriseRow = NonNullable<Awaited<ReturnType<EnterpriseRepository['findInScope']>>>;

/** The live enterprise the principal reaches with `permission`; NOT_FOUND, leaking nothing, otherwise. */
export async function enterpriseInScope(
  enterprises: EnterpriseRepository,
  principal: Principal,
  permission: Permission,
  id: string,
): Promise<EnterpriseRow> {
  const e = await enterprises.findInScope(scopeFor(principal, permission), id);
  if (!e) throw new AppError('NOT_FOUND', 'No such enterprise.');
  return e;
}

/** Runs one write in its own transaction, on the enterprise as that transaction reads it. */
export function writeEnterprise<T>(
  db: Kysely<DB>,
  principal: Principal,
  permission: Permission,
  id: string,
  write: (e: EnterpriseRow, enterprises: EnterpriseRepository, trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return runTransaction(db, async (trx) => {
    const enterprises = createEnterpriseRepository(trx);
    return write(await enterpriseInScope(enterprises, principal, permission, id), enterprises, trx);
  });
}

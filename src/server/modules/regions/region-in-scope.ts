import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../auth/scope.ts';
import { createRegionRepository, type RegionRepository } from './regions.repository.ts';

export type RegionInScope = NonNullable<Awaited<ReturnType<RegionRepository['findInScope']>>>;

/** The node if the scope reaches it; NOT_FOUND, the same as for an unknown id, otherwise. */
export async function regionInScope(
  regions: RegionRepository,
  scope: Scope,
  id: string,
): Promise<RegionInScope> {
  const node = await regions.findInScope(scope, id);
  if (!node) throw new AppError('NOT_FOUND', 'No such region.');
  return node;
}

/** Runs one write in its own transaction, on the node as that transaction reads it. */
export function writeRegion<T>(
  db: Kysely<DB>,
  scope: Scope,
  id: string,
  write: (node: RegionInScope, regions: RegionRepository, trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return runTransaction(db, async (trx) => {
    const regions = createRegionRepository(trx);
    return write(await regionInScope(regions, scope, id), regions, trx);
  });
}

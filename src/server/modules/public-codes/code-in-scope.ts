import type { Kysely } from 'kysely';
import { normalizePublicCode } from '../../../shared/domain/public-codes.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import type { TerritoryPermission } from './public-code-context.ts';
import { createPublicCodeRepository } from './public-codes.repository.ts';

/** A code of the caller's district whose grid the caller's scope reaches; NOT_FOUND otherwise. */
export async function codeInScope(
  db: Kysely<DB>,
  principal: Principal,
  permission: TerritoryPermission,
  text: string,
) {
  const code = normalizePublicCode(text);
  const row = code ? await createPublicCodeRepository(db).findCode(principal.districtCode, code) : undefined;
  if (!row) throw new AppError('NOT_FOUND', 'No such code.');
  const grid = await createRegionRepository(db).findInScope(scopeFor(principal, permission), row.region_id);
  if (!grid) throw new AppError('NOT_FOUND', 'No such code.');
  return { ...row, grid };
}

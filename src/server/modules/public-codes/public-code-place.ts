import type { Kysely } from 'kysely';
import type { PublicCodePlace } from '../../../shared/domain/public-codes.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import { districtHotline } from './district-hotline.ts';
import { placeNames } from './place-names.ts';
import { createPublicCodeRepository } from './public-codes.repository.ts';
import { resolvePublicCode } from './resolve-public-code.ts';

/** Why a retired code cannot be used, with the code that replaced it (if any). */
export class RetiredPublicCode extends AppError {
  readonly replacedBy: string | null;
  constructor(replacedBy: string | null) {
    super('PUBLIC_CODE_RETIRED', 'This code is retired.');
    this.replacedBy = replacedBy;
  }
}

/**
 * What a scanned code names, for a resident (no account): the place's names and the district's
 * hotline. Unknown and malformed codes are one answer (404); a retired one says so (410).
 */
export async function publicCodePlace(db: Kysely<DB>, code: string): Promise<PublicCodePlace> {
  const resolved = await resolvePublicCode(db, code);
  if (!resolved) throw new AppError('PUBLIC_CODE_NOT_FOUND', 'No such code.');
  if (resolved.retiredAt) throw new RetiredPublicCode(resolved.replacedBy);
  const repo = createPublicCodeRepository(db);
  const grid = await repo.gridOf(resolved.districtCode, resolved.regionId);
  const estate = resolved.estateId
    ? await repo.findEstate(resolved.districtCode, resolved.estateId)
    : undefined;
  if (!grid) throw new AppError('PUBLIC_CODE_NOT_FOUND', 'No such code.');
  return {
    code: resolved.code,
    regionId: resolved.regionId,
    estateId: resolved.estateId,
    names: await placeNames(db, resolved.districtCode, grid.path, estate?.name ?? null),
    hotline: await districtHotline(db, resolved.districtCode),
  };
}

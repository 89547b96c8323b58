import type { Kysely } from 'kysely';
import { normalizePublicCode, publicCodeDistrict } from '../../../shared/domain/public-codes.ts';
import type { DB } from '../../db/schema.ts';
import { createPublicCodeRepository } from './public-codes.repository.ts';

export interface ResolvedPublicCode {
  code: string;
  districtCode: string;
  /** The grid the code reports to (an estate's code: the estate's grid). */
  regionId: string;
  estateId: string | null;
  retiredAt: Date | null;
  replacedBy: string | null;
}

/**
 * What a scanned code names (contract C1): null for an unknown or malformed code; a retired code
 * still resolves, with `retiredAt` set and maybe the code that replaced it. The district code is
 * read from the code itself, so the lookup touches one district's rows only. A code typed by hand
 * is read the Crockford way (lower case, O for 0, I or L for 1).
 */
export async function resolvePublicCode(db: Kysely<DB>, code: string): Promise<ResolvedPublicCode | null> {
  const canonical = normalizePublicCode(code);
  const districtCode = canonical ? publicCodeDistrict(canonical) : null;
  if (!canonical || !districtCode) return null;
  const row = await createPublicCodeRepository(db).findCode(districtCode, canonical);
  if (!row) return null;
  return {
    code: row.code,
    districtCode: row.district_code,
    regionId: row.region_id,
    estateId: row.estate_id,
    retiredAt: row.retired_at ? new Date(row.retired_at) : null,
    replacedBy: row.replaced_by,
  };
}

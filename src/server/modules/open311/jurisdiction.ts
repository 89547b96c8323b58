import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { createOpen311Repository } from './open311.repository.ts';
import { badRequest, notFound } from './open311-error.ts';

export interface Jurisdiction {
  districtCode: string;
  /** The district's root region: where a request nobody can place is filed. */
  regionId: string;
  regionPath: string;
  name: string;
}

/**
 * The district a call is about. Its code is the jurisdiction_id. The spec requires the parameter
 * only of an endpoint serving several jurisdictions: with one district it may be left out; an
 * unknown one is 404.
 */
export async function resolveJurisdiction(db: Kysely<DB>, given: string | undefined): Promise<Jurisdiction> {
  const repo = createOpen311Repository(db);
  if (given !== undefined) {
    // One district's row: a request names its district, so it stays on that district's shard.
    const one = await repo.district(given);
    if (!one) throw notFound(`jurisdiction_id ${given} was not found.`);
    return jurisdictionOf(one);
  }
  const districts = await repo.districts();
  const pick = districts.length === 1 ? districts[0] : undefined;
  if (!pick) {
    if (districts.length > 1)
      throw badRequest('jurisdiction_id is required: this endpoint serves several districts.');
    throw notFound('No jurisdiction is served here.');
  }
  return jurisdictionOf(pick);
}

const jurisdictionOf = (row: { district_code: string; id: string; path: string; name: string }) => ({
  districtCode: row.district_code,
  regionId: row.id,
  regionPath: row.path,
  name: row.name,
});

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
  const districts = await createOpen311Repository(db).districts();
  const pick =
    given === undefined
      ? districts.length === 1
        ? districts[0]
        : undefined
      : districts.find((d) => d.district_code === given);
  if (!pick) {
    if (given === undefined && districts.length > 1)
      throw badRequest('jurisdiction_id is required: this endpoint serves several districts.');
    throw notFound(
      given === undefined ? 'No jurisdiction is served here.' : `jurisdiction_id ${given} was not found.`,
    );
  }
  return { districtCode: pick.district_code, regionId: pick.id, regionPath: pick.path, name: pick.name };
}

import type { Kysely } from 'kysely';
import { open311Datetime } from '../../../shared/domain/open311.ts';
import type { DB } from '../../db/schema.ts';
import { createOpen311Repository } from './open311.repository.ts';
import { JSON_TYPE, type Open311Value, XML_TYPE } from './open311-format.ts';

export const GEOREPORT_V2 = 'http://wiki.open311.org/GeoReport_v2';

/**
 * The discovery document (README §3). Its changeset is when a category last changed: the
 * services and their definitions are the category tree, so that is when clients must refresh.
 */
export async function discovery(db: Kysely<DB>, origin: string): Promise<Open311Value> {
  const changed = (await createOpen311Repository(db).servicesChangedAt()) ?? new Date(0);
  const changeset = open311Datetime(changed);
  return {
    changeset,
    contact: 'The district system administrator (MinQing: System administration, Open311).',
    key_service:
      'API keys are issued by the district system administrator in MinQing (System administration, Open311).',
    endpoints: [
      {
        specification: GEOREPORT_V2,
        url: `${origin}/open311/v2`,
        changeset,
        type: 'production',
        formats: [XML_TYPE.split(';')[0] as string, JSON_TYPE.split(';')[0] as string],
      },
    ],
  };
}

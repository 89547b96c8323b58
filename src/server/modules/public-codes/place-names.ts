import type { Kysely } from 'kysely';
import type { PublicCodePlace } from '../../../shared/domain/public-codes.ts';
import type { DB } from '../../db/schema.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';

export type PlaceNames = PublicCodePlace['names'];

/** The names a poster and the lookup show for a grid's path (and an estate of it). */
export async function placeNames(
  db: Kysely<DB>,
  districtCode: string,
  gridPath: string,
  estateName: string | null,
): Promise<PlaceNames> {
  const crumbs = await createRegionRepository(db).pathNodes(districtCode, gridPath);
  const at = (level: string) => crumbs.find((c) => c.level === level)?.name ?? null;
  return {
    district: at('district') ?? '',
    street: at('street') ?? '',
    community: at('community') ?? '',
    grid: at('grid'),
    estate: estateName,
  };
}

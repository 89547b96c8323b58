import type { Kysely } from 'kysely';
import { containsPoint, type GridGeometry } from '../../../shared/map/geojson.ts';
import { jsonColumn } from '../../db/json-column.ts';
import type { DB } from '../../db/schema.ts';
import type { Jurisdiction } from './jurisdiction.ts';
import { createOpen311Repository } from './open311.repository.ts';

/** Boundaries tested for a point: the grids and communities whose centres lie nearest it. */
const CANDIDATES = 12;

export interface Placed {
  regionId: string;
  regionPath: string;
  /** False: nothing matched, the case is filed at the district itself. */
  matched: boolean;
}

/**
 * Where a request belongs: the grid (else community) whose boundary holds its point; else the
 * street, community or grid whose name its address contains; else the district itself, for the
 * district's dispatchers to route.
 */
export async function placeRequest(
  db: Kysely<DB>,
  jurisdiction: Jurisdiction,
  where: { lat?: number; long?: number; address?: string },
): Promise<Placed> {
  const repo = createOpen311Repository(db);
  if (where.lat !== undefined && where.long !== undefined) {
    const near = await repo.boundariesNear(jurisdiction.districtCode, where.lat, where.long, CANDIDATES);
    const inside = near
      .filter((b) =>
        containsPoint(jsonColumn<GridGeometry>(b.geometry), [where.long as number, where.lat as number]),
      )
      // A grid is more precise than the community around it.
      .sort((a, b) => (a.level === 'grid' ? 0 : 1) - (b.level === 'grid' ? 0 : 1));
    const hit = inside[0];
    if (hit) return { regionId: hit.id, regionPath: hit.path, matched: true };
  }
  if (where.address) {
    const named = await repo.regionNamedIn(jurisdiction.districtCode, where.address);
    if (named) return { regionId: named.id, regionPath: named.path, matched: true };
  }
  return { regionId: jurisdiction.regionId, regionPath: jurisdiction.regionPath, matched: false };
}

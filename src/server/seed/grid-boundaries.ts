import type { Kysely } from 'kysely';
import { centroidOf, type GridGeometry, type Position } from '../../shared/map/geojson.ts';
import type { DB } from '../db/schema.ts';
import { createMapRepository } from '../modules/map/map.repository.ts';
import type { DistrictPlan } from './hierarchy.ts';
import { createRng, hashString } from './random.ts';

/**
 * Generated grid boundaries for the demo (issue 12 §7): the streets whose real extent is known
 * are cut into a lattice of quadrilaterals with shared, jittered corners (no gaps, no overlaps),
 * taken in a serpentine order so that a community's grids, which come one after another, are
 * contiguous. Households get a position inside their grid's quadrilateral from a hash of their
 * code. Deterministic for a seed; streets of unknown extent (the district and city scales) get
 * none, as real deployments import theirs.
 */
interface Extent {
  west: number;
  east: number;
  south: number;
  north: number;
}

/** 宁围街道, Xiaoshan, Hangzhou: roughly its built-up extent. */
const KNOWN_STREETS: Record<string, Extent> = {
  '330109013': { west: 120.26, east: 120.32, south: 30.2, north: 30.25 },
};

/** A grid's corners, north-west, north-east, south-east, south-west. */
type Quad = [Position, Position, Position, Position];

export interface GridLayout {
  quads: Map<string, Quad>;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export function layoutGrids(plan: DistrictPlan, seed: number): GridLayout {
  const quads = new Map<string, Quad>();
  for (const street of plan.streets) {
    const extent = KNOWN_STREETS[street.region.code];
    if (!extent) continue;
    const grids = street.communities.flatMap((c) => c.grids.map((g) => g.region.id));
    if (grids.length === 0) continue;
    // About square cells: 1° of longitude is cos(latitude) of 1° of latitude.
    const widthKm = (extent.east - extent.west) * Math.cos((extent.north * Math.PI) / 180);
    const heightKm = extent.north - extent.south;
    const cols = Math.max(1, Math.ceil(Math.sqrt((grids.length * widthKm) / heightKm)));
    const rows = Math.ceil(grids.length / cols);
    const dx = (extent.east - extent.west) / cols;
    const dy = (extent.north - extent.south) / rows;
    const rng = createRng(seed, `${street.region.code}/boundaries`);
    // Jitter of at most ±17.5 % of a cell keeps every quadrilateral convex.
    const corners: Position[][] = Array.from({ length: rows + 1 }, (_, r) =>
      Array.from(
        { length: cols + 1 },
        (_, c): Position => [
          round6(extent.west + c * dx + (rng.next() - 0.5) * 0.35 * dx),
          round6(extent.north - r * dy + (rng.next() - 0.5) * 0.35 * dy),
        ],
      ),
    );
    grids.forEach((gridId, i) => {
      const r = Math.floor(i / cols);
      const step = i % cols;
      const c = r % 2 === 0 ? step : cols - 1 - step;
      const at = (rr: number, cc: number) => (corners[rr] as Position[])[cc] as Position;
      quads.set(gridId, [at(r, c), at(r, c + 1), at(r + 1, c + 1), at(r + 1, c)]);
    });
  }
  return { quads };
}

/** The quadrilateral as a GeoJSON Polygon, exterior ring counter-clockwise (RFC 7946 §3.1.6). */
export function quadGeometry([nw, ne, se, sw]: Quad): GridGeometry {
  return { type: 'Polygon', coordinates: [[nw, sw, se, ne, nw]] };
}

/**
 * A household's or an enterprise's position inside its grid, from its code (household code,
 * credit code); nulls where the grid has no shape.
 */
export function positionInGrid(
  layout: GridLayout,
  gridId: string,
  code: string,
): { latitude: number | null; longitude: number | null } {
  const quad = layout.quads.get(gridId);
  if (!quad) return { latitude: null, longitude: null };
  const u = 0.1 + 0.8 * (hashString(`${code}/u`) / 0x1_0000_0000);
  const v = 0.1 + 0.8 * (hashString(`${code}/v`) / 0x1_0000_0000);
  const [nw, ne, se, sw] = quad;
  // Bilinear: inside a convex quadrilateral for u, v in (0, 1).
  const lerp = (a: Position, b: Position, t: number): Position => [
    a[0] + (b[0] - a[0]) * t,
    a[1] + (b[1] - a[1]) * t,
  ];
  const [lng, lat] = lerp(lerp(nw, ne, u), lerp(sw, se, u), v);
  return { latitude: round6(lat), longitude: round6(lng) };
}

/** Writes the layout's boundaries (one statement per 500 grids). */
export async function seedGridBoundaries(
  db: Kysely<DB>,
  districtCode: string,
  layout: GridLayout,
): Promise<number> {
  const rows = [...layout.quads].map(([regionId, quad]) => {
    const geometry = quadGeometry(quad);
    return { regionId, geometry, center: centroidOf(geometry) };
  });
  await createMapRepository(db).writeBoundaries(districtCode, rows, 'seed', new Date());
  return rows.length;
}

import { z } from 'zod';

/**
 * Grid boundaries as GeoJSON (RFC 7946: WGS84, positions [longitude, latitude]), checked here
 * once for the import, the seed and the map. Only what a grid can be is accepted: a Polygon or a
 * MultiPolygon whose rings are closed, have at least four positions, lie on the globe and
 * enclose some area. Holes are kept as given; their orientation is not enforced (RFC 7946 §3.1.6
 * asks parsers not to reject a ring for its winding order).
 */
export type Position = [number, number];
export type Ring = Position[];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
export type GridGeometry = PolygonGeometry | MultiPolygonGeometry;

/** Why a geometry is refused (stable codes, shown in the import's report). */
export const GEOMETRY_PROBLEMS = [
  'missing',
  'not_polygon',
  'bad_structure',
  'not_a_number',
  'out_of_range',
  'ring_too_short',
  'ring_not_closed',
  'no_area',
] as const;
export type GeometryProblem = (typeof GEOMETRY_PROBLEMS)[number];

const isArray = Array.isArray;

function ringProblem(ring: unknown): GeometryProblem | null {
  if (!isArray(ring)) return 'bad_structure';
  for (const p of ring) {
    if (!isArray(p) || p.length < 2) return 'bad_structure';
    const [lng, lat] = p as unknown[];
    if (typeof lng !== 'number' || typeof lat !== 'number' || !Number.isFinite(lng) || !Number.isFinite(lat))
      return 'not_a_number';
    if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return 'out_of_range';
  }
  if (ring.length < 4) return 'ring_too_short';
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return 'ring_not_closed';
  return null;
}

function polygonProblem(rings: unknown): GeometryProblem | null {
  if (!isArray(rings) || rings.length === 0) return 'bad_structure';
  for (const ring of rings) {
    const problem = ringProblem(ring);
    if (problem) return problem;
  }
  return signedArea(rings[0] as Ring) === 0 ? 'no_area' : null;
}

/** The first thing wrong with a would-be grid boundary, or null when it is a usable one. */
export function geometryProblem(geometry: unknown): GeometryProblem | null {
  if (geometry === null || geometry === undefined) return 'missing';
  if (typeof geometry !== 'object') return 'bad_structure';
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (g.type === 'Polygon') return polygonProblem(g.coordinates);
  if (g.type === 'MultiPolygon') {
    if (!isArray(g.coordinates) || g.coordinates.length === 0) return 'bad_structure';
    for (const polygon of g.coordinates) {
      const problem = polygonProblem(polygon);
      if (problem) return problem;
    }
    return null;
  }
  return 'not_polygon';
}

/** Twice the signed area of a ring in degrees² (shoelace); positive when counter-clockwise. */
function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] as Position;
    const [x2, y2] = ring[i + 1] as Position;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

const outerRings = (g: GridGeometry): Ring[] =>
  g.type === 'Polygon' ? [g.coordinates[0] as Ring] : g.coordinates.map((p) => p[0] as Ring);

/**
 * The area-weighted centroid of the outer rings, on the lng/lat plane: a grid spans a few hundred
 * metres, where the plane's distortion is far below what a map can show. Where hot spots of cases
 * without coordinates of their own are drawn.
 */
export function centroidOf(g: GridGeometry): Position {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const ring of outerRings(g)) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x1, y1] = ring[i] as Position;
      const [x2, y2] = ring[i + 1] as Position;
      const cross = x1 * y2 - x2 * y1;
      area += cross;
      cx += (x1 + x2) * cross;
      cy += (y1 + y2) * cross;
    }
  }
  if (area === 0) {
    const all = outerRings(g).flat();
    return [all.reduce((s, p) => s + p[0], 0) / all.length, all.reduce((s, p) => s + p[1], 0) / all.length];
  }
  return [cx / (3 * area), cy / (3 * area)];
}

function inRing(point: Position, ring: Ring): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a point lies inside the geometry (inside an outer ring and outside its holes). */
export function containsPoint(g: GridGeometry, point: Position): boolean {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons.some(
    (rings) => inRing(point, rings[0] as Ring) && !rings.slice(1).some((hole) => inRing(point, hole)),
  );
}

/**
 * A FeatureCollection as files carry it. Members beyond the ones read here (crs, bbox, name, id,
 * foreign members) are common in exported files and are let through rather than refused.
 */
export const featureCollectionSchema = z.looseObject({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.looseObject({
        type: z.literal('Feature'),
        properties: z.record(z.string(), z.unknown()).nullable().optional(),
        geometry: z.unknown(),
      }),
    )
    .max(20_000),
});
export type FeatureCollectionInput = z.infer<typeof featureCollectionSchema>;

export interface GridToMatch {
  id: string;
  code: string;
  name: string;
  /** Whether the grid has a boundary already (it keeps it unless a feature replaces it). */
  hasBoundary: boolean;
}

export interface MatchOptions {
  /** The feature property naming the grid. */
  property: string;
  /** What the property holds: the grid's code or its name. */
  matchBy: 'code' | 'name';
}

export interface BoundaryMatch {
  featureIndex: number;
  key: string;
  gridId: string;
  geometry: GridGeometry;
  center: Position;
}

export interface BoundaryReport {
  features: number;
  matched: { featureIndex: number; key: string; gridId: string; gridName: string }[];
  /** Features naming no grid, or (by name) more than one. */
  unmatched: { featureIndex: number; key: string | null; reason: 'no_key' | 'no_grid' | 'ambiguous' }[];
  invalid: { featureIndex: number; key: string | null; problem: GeometryProblem }[];
  /** A later feature for a grid already matched by an earlier one: the first one counts. */
  duplicates: { featureIndex: number; key: string; gridId: string }[];
  /** Grids that would have no boundary once the matched ones are written. */
  gridsWithoutBoundary: { id: string; code: string; name: string }[];
}

function keyOf(properties: Record<string, unknown> | null | undefined, property: string): string | null {
  const value = properties?.[property];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Matches a file's features to grids and checks each geometry: what an import would write
 * (`matches`) and the report the operator reads before writing it. Pure, so a dry run and the
 * real import answer the same.
 */
export function matchBoundaries(
  collection: FeatureCollectionInput,
  grids: readonly GridToMatch[],
  options: MatchOptions,
): { matches: BoundaryMatch[]; report: BoundaryReport } {
  const byKey = new Map<string, GridToMatch[]>();
  for (const g of grids) {
    const key = options.matchBy === 'code' ? g.code : g.name;
    byKey.set(key, [...(byKey.get(key) ?? []), g]);
  }
  const report: BoundaryReport = {
    features: collection.features.length,
    matched: [],
    unmatched: [],
    invalid: [],
    duplicates: [],
    gridsWithoutBoundary: [],
  };
  const matches: BoundaryMatch[] = [];
  const taken = new Set<string>();
  collection.features.forEach((feature, featureIndex) => {
    const key = keyOf(feature.properties, options.property);
    if (key === null) {
      report.unmatched.push({ featureIndex, key, reason: 'no_key' });
      return;
    }
    const candidates = byKey.get(key) ?? [];
    if (candidates.length !== 1) {
      report.unmatched.push({ featureIndex, key, reason: candidates.length ? 'ambiguous' : 'no_grid' });
      return;
    }
    const grid = candidates[0] as GridToMatch;
    const problem = geometryProblem(feature.geometry);
    if (problem) {
      report.invalid.push({ featureIndex, key, problem });
      return;
    }
    if (taken.has(grid.id)) {
      report.duplicates.push({ featureIndex, key, gridId: grid.id });
      return;
    }
    taken.add(grid.id);
    const geometry = feature.geometry as GridGeometry;
    matches.push({ featureIndex, key, gridId: grid.id, geometry, center: centroidOf(geometry) });
    report.matched.push({ featureIndex, key, gridId: grid.id, gridName: grid.name });
  });
  report.gridsWithoutBoundary = grids
    .filter((g) => !g.hasBoundary && !taken.has(g.id))
    .map((g) => ({ id: g.id, code: g.code, name: g.name }));
  return { matches, report };
}

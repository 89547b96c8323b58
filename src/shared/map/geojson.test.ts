import { describe, expect, it } from 'vitest';
import {
  centroidOf,
  containsPoint,
  featureCollectionSchema,
  type GridGeometry,
  geometryProblem,
  matchBoundaries,
  type PolygonGeometry,
} from './geojson.ts';

// A 2 × 1 rectangle, counter-clockwise: centroid (1, 0.5).
const rectangle: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [2, 0],
      [2, 1],
      [0, 1],
      [0, 0],
    ],
  ],
};
const square = (x: number, y: number, size = 0.01): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

describe('grid geometries', () => {
  it('accepts closed polygons and multipolygons on the globe', () => {
    expect(geometryProblem(rectangle)).toBeNull();
    expect(
      geometryProblem({ type: 'MultiPolygon', coordinates: [square(120.26, 30.2).coordinates] }),
    ).toBeNull();
  });

  it('names the first thing wrong', () => {
    expect(geometryProblem(null)).toBe('missing');
    expect(geometryProblem({ type: 'Point', coordinates: [120.3, 30.2] })).toBe('not_polygon');
    expect(geometryProblem({ type: 'LineString', coordinates: [] })).toBe('not_polygon');
    expect(geometryProblem({ type: 'Polygon', coordinates: [] })).toBe('bad_structure');
    expect(
      geometryProblem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0.5],
          ],
        ],
      }),
    ).toBe('ring_not_closed');
    expect(
      geometryProblem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toBe('ring_too_short');
    // Latitude and longitude swapped beyond the poles.
    expect(
      geometryProblem({
        type: 'Polygon',
        coordinates: [
          [
            [30, 120],
            [30.1, 120],
            [30.1, 120.1],
            [30, 120],
          ],
        ],
      }),
    ).toBe('out_of_range');
    expect(
      geometryProblem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            ['1', 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toBe('not_a_number');
    // All points on one line: no area.
    expect(
      geometryProblem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [2, 2],
            [0, 0],
          ],
        ],
      }),
    ).toBe('no_area');
  });

  it('finds the centroid by area and tells inside from outside', () => {
    expect(centroidOf(rectangle)).toEqual([1, 0.5]);
    // Two unit squares, centred at x = 0.5 and x = 2.5, of equal area: (0.5 + 2.5) / 2 = 1.5.
    const two: GridGeometry = {
      type: 'MultiPolygon',
      coordinates: [square(0, 0, 1).coordinates, square(2, 0, 1).coordinates],
    };
    expect(centroidOf(two)).toEqual([1.5, 0.5]);
    expect(containsPoint(rectangle, [1.9, 0.9])).toBe(true);
    expect(containsPoint(rectangle, [2.1, 0.5])).toBe(false);
    const withHole: GridGeometry = {
      type: 'Polygon',
      coordinates: [rectangle.coordinates[0] ?? [], square(0.5, 0.25, 0.5).coordinates[0] ?? []],
    };
    expect(containsPoint(withHole, [0.75, 0.5])).toBe(false);
    expect(containsPoint(withHole, [1.5, 0.5])).toBe(true);
  });
});

describe('matching a file to grids', () => {
  const grids = [
    { id: '00000000-0000-7000-8000-000000000001', code: 'G01', name: '一网格', hasBoundary: false },
    { id: '00000000-0000-7000-8000-000000000002', code: 'G02', name: '二网格', hasBoundary: false },
    { id: '00000000-0000-7000-8000-000000000003', code: 'G03', name: '一网格', hasBoundary: true },
    { id: '00000000-0000-7000-8000-000000000004', code: 'G04', name: '四网格', hasBoundary: false },
  ];
  const feature = (properties: Record<string, unknown> | null, geometry: unknown) => ({
    type: 'Feature' as const,
    properties,
    geometry,
  });
  const file = featureCollectionSchema.parse({
    type: 'FeatureCollection',
    name: 'grids',
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
    features: [
      feature({ code: 'G01', name: '一网格' }, square(120.26, 30.2)),
      feature({ code: 'G02', name: '二网格' }, { type: 'Point', coordinates: [120.27, 30.2] }),
      feature({ code: 'G99', name: '无此网格' }, square(120.28, 30.2)),
      feature({ code: 'G01', name: '一网格' }, square(120.29, 30.2)),
      feature({ name: '缺编码' }, square(120.3, 30.2)),
      feature(null, square(120.31, 30.2)),
    ],
  });

  it('reports matched, unmatched, invalid, duplicate features and grids left without a shape', () => {
    const { matches, report } = matchBoundaries(file, grids, { matchBy: 'code', property: 'code' });
    expect(matches.map((m) => [m.featureIndex, m.gridId])).toEqual([[0, grids[0]?.id]]);
    expect(matches[0]?.center[0]).toBeCloseTo(120.265, 6);
    expect(report.features).toBe(6);
    expect(report.matched).toEqual([
      { featureIndex: 0, key: 'G01', gridId: grids[0]?.id, gridName: '一网格' },
    ]);
    expect(report.invalid).toEqual([{ featureIndex: 1, key: 'G02', problem: 'not_polygon' }]);
    expect(report.unmatched).toEqual([
      { featureIndex: 2, key: 'G99', reason: 'no_grid' },
      { featureIndex: 4, key: null, reason: 'no_key' },
      { featureIndex: 5, key: null, reason: 'no_key' },
    ]);
    expect(report.duplicates).toEqual([{ featureIndex: 3, key: 'G01', gridId: grids[0]?.id }]);
    // G02's feature was invalid; G03 keeps the boundary it has; G04 has none.
    expect(report.gridsWithoutBoundary.map((g) => g.code)).toEqual(['G02', 'G04']);
  });

  it('by name, refuses a name two grids share', () => {
    const { report } = matchBoundaries(file, grids, { matchBy: 'name', property: 'name' });
    expect(report.unmatched.find((u) => u.featureIndex === 0)).toEqual({
      featureIndex: 0,
      key: '一网格',
      reason: 'ambiguous',
    });
    expect(report.matched).toEqual([]);
    expect(report.invalid).toEqual([{ featureIndex: 1, key: '二网格', problem: 'not_polygon' }]);
  });

  it('refuses what is not a FeatureCollection', () => {
    expect(featureCollectionSchema.safeParse({ type: 'Feature', geometry: null }).success).toBe(false);
    expect(featureCollectionSchema.safeParse({ type: 'FeatureCollection' }).success).toBe(false);
  });
});

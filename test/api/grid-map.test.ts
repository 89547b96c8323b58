import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BoundaryImportReport, type GridMap, gridMapSchema } from '../../src/shared/domain/map.ts';
import type { CreatedVisit } from '../../src/shared/domain/visit.ts';
import { containsPoint, type GridGeometry } from '../../src/shared/map/geojson.ts';
import { cstDay, cstMidnight } from '../../src/shared/time/china-time.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, gridsBelow, seedSmallDemo } from '../support/demo.ts';
import { addHousehold } from '../support/households.ts';

/**
 * The grid map (issue 12 §7) on one shared demo database: the seed's generated boundaries and
 * household positions, the map's figures against counts kept here of what was sent through the
 * API, the scope, the boundary import's report, its dry run and its audit, and a first check-in
 * measured against the household's own coordinates.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const pathOf: Record<string, string> = {};
const regionOf: Record<string, string> = {};
let streetId: string;

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 60);
  for (const g of await demoGrants(t)) {
    if (g.path && g.region_id) {
      pathOf[g.username] = g.path;
      regionOf[g.username] = g.region_id;
    }
  }
  streetId = regionOf.leader as string;
  for (const u of ['leader', 'worker1', 'sysadmin']) cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

const readMap = async (regionId: string, cookie: string | undefined) => {
  const res = await demo.send(
    'GET',
    `/api/v1/map/grids?regionId=${regionId}&period=month`,
    undefined,
    cookie,
  );
  expect(res.status, res.text()).toBe(200);
  return gridMapSchema.parse(res.json());
};
const gridValues = (map: GridMap, gridId: string) => {
  const grid = map.grids.find((g) => g.id === gridId);
  if (!grid) throw new Error(`grid ${gridId} not on the map`);
  return grid.values;
};

describe('the grid map', () => {
  it('draws every demo grid, households inside their own grid', async () => {
    const map = await readMap(streetId, cookies.leader);
    const grids = await gridsBelow(t, pathOf.leader as string);
    expect(map.grids.map((g) => g.id).sort()).toEqual(grids.map((g) => g.id).sort());
    expect(map.grids.length).toBeGreaterThan(100);
    expect(map.grids.every((g) => g.boundary !== null && g.center !== null)).toBe(true);

    const households = await t.database.db
      .selectFrom('household')
      .select(['grid_id', 'latitude', 'longitude'])
      .execute();
    expect(households.length).toBeGreaterThan(0);
    const shapeOf = new Map(map.grids.map((g) => [g.id, g.boundary as GridGeometry]));
    for (const h of households) {
      expect(h.latitude, 'every demo household has a position').not.toBeNull();
      const shape = shapeOf.get(h.grid_id) as GridGeometry;
      expect(containsPoint(shape, [h.longitude as number, h.latitude as number])).toBe(true);
    }
  });

  it('shows the figures of visits and cases sent through the API, per grid, and hot spots', async () => {
    const [grid] = await gridsBelow(t, pathOf.worker1 as string);
    if (!grid) throw new Error('no grid');
    const before = await readMap(streetId, cookies.leader);
    const households = [
      await addHousehold(t, grid),
      await addHousehold(t, grid),
      await addHousehold(t, grid),
    ];
    // Within today (Beijing), so that the visits' and the cases' days fall in the same month.
    const now = Date.now();
    const start = new Date(Math.max(now - 30 * 60_000, cstMidnight(cstDay(new Date(now))).getTime() + 1000));
    const plan = [
      { issues: [{ onSpot: true }, { onSpot: false }], opinions: 1 },
      { issues: [{ onSpot: false }], opinions: 0 },
      { issues: [], opinions: 2 },
    ];
    for (const [i, p] of plan.entries()) {
      const res = await demo.send(
        'POST',
        '/api/v1/visits',
        {
          form: 'routine',
          target: { type: 'household', householdId: households[i] },
          startedAt: start.toISOString(),
          endedAt: new Date(now - 1000).toISOString(),
          notes: '入户走访',
          issues: p.issues.map((issue, k) => ({
            title: `地图问题${i}-${k}`,
            description: '走访中发现的问题',
            kind: 'help',
            ...(issue.onSpot ? { resolvedOnSpot: true, resolution: '当场解决' } : {}),
          })),
          opinions: Array.from({ length: p.opinions }, (_, k) => ({ text: `地图意见${i}-${k}` })),
        },
        cookies.worker1,
        { 'idempotency-key': uuidv7() },
      );
      expect(res.status, res.text()).toBe(201);
    }
    const issues = plan.flatMap((p) => p.issues);
    const after = await readMap(streetId, cookies.leader);
    const delta = (key: keyof GridMap['grids'][number]['values']) =>
      (gridValues(after, grid.id)[key] ?? 0) - (gridValues(before, grid.id)[key] ?? 0);
    expect(delta('visits')).toBe(plan.length);
    expect(delta('problemsFound')).toBe(issues.length);
    expect(delta('solvedOnSpot')).toBe(issues.filter((i) => i.onSpot).length);
    expect(delta('opinionsCollected')).toBe(plan.reduce((s, p) => s + p.opinions, 0));
    expect(delta('received')).toBe(issues.length);
    expect(delta('openCases')).toBe(issues.filter((i) => !i.onSpot).length);
    // Another grid is untouched.
    const other = after.grids.find((g) => g.id !== grid.id) as GridMap['grids'][number];
    expect(other.values).toEqual(gridValues(before, other.id));
    // The open cases (no coordinates of their own) stand at their grid's centroid.
    const spot = after.hotSpots.find((s) => s.gridId === grid.id);
    expect(spot?.position).toEqual(after.grids.find((g) => g.id === grid.id)?.center);
    expect(spot?.count).toBe(gridValues(after, grid.id).openCases);

    // A grid worker reads their own community's map, and another community's is not found.
    expect((await readMap(regionOf.worker1 as string, cookies.worker1)).grids.length).toBeGreaterThan(0);
    const outside = await demo.send(
      'GET',
      `/api/v1/map/grids?regionId=${regionOf.worker2}&period=month`,
      undefined,
      cookies.worker1,
    );
    expect(outside.status).toBe(404);
  });

  it('imports boundaries with a validation report; a dry run writes nothing; the import is audited', async () => {
    const grids = await gridsBelow(t, pathOf.worker1 as string);
    const [g1, g2, g3] = grids;
    if (!g1 || !g2 || !g3) throw new Error('the community needs three grids');
    // g3 loses its seeded shape, and the file's shape for it is broken: it is left without one.
    await t.database.db.deleteFrom('region_boundary').where('region_id', '=', g3.id).execute();
    const square = [
      [120.3, 30.21],
      [120.301, 30.21],
      [120.301, 30.211],
      [120.3, 30.211],
      [120.3, 30.21],
    ];
    const collection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: g1.code },
          geometry: { type: 'Polygon', coordinates: [square] },
        },
        {
          type: 'Feature',
          properties: { code: g2.code },
          geometry: { type: 'Point', coordinates: [120.3, 30.2] },
        },
        {
          type: 'Feature',
          properties: { code: g3.code },
          geometry: { type: 'Polygon', coordinates: [square.slice(0, 4)] },
        },
        {
          type: 'Feature',
          properties: { code: 'NO-SUCH-GRID' },
          geometry: { type: 'Polygon', coordinates: [square] },
        },
      ],
    };
    const shapeOf = async (id: string) =>
      (
        await t.database.db
          .selectFrom('region_boundary')
          .select('geometry')
          .where('region_id', '=', id)
          .executeTakeFirst()
      )?.geometry;
    const seeded = await shapeOf(g1.id);
    const audits = async () =>
      (
        await t.database.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'map.boundaries_imported')
          .execute()
      ).length;

    const body = { regionId: regionOf.worker1, collection };
    const dry = await demo.send(
      'POST',
      '/api/v1/map/boundaries/import',
      { ...body, dryRun: true },
      cookies.sysadmin,
    );
    expect(dry.status, dry.text()).toBe(200);
    const report = dry.json() as BoundaryImportReport;
    expect(report).toMatchObject({ dryRun: true, written: 0, features: 4 });
    expect(report.matched.map((m) => m.gridId)).toEqual([g1.id]);
    expect(report.invalid).toEqual([
      { featureIndex: 1, key: g2.code, problem: 'not_polygon' },
      { featureIndex: 2, key: g3.code, problem: 'ring_not_closed' },
    ]);
    expect(report.unmatched).toEqual([{ featureIndex: 3, key: 'NO-SUCH-GRID', reason: 'no_grid' }]);
    expect(report.gridsWithoutBoundary.map((g) => g.id)).toEqual([g3.id]);
    expect(await shapeOf(g1.id)).toEqual(seeded);
    expect(await audits()).toBe(0);

    const real = await demo.send('POST', '/api/v1/map/boundaries/import', body, cookies.sysadmin);
    expect(real.status, real.text()).toBe(200);
    expect(real.json()).toMatchObject({ dryRun: false, written: 1, matched: report.matched });
    expect(await shapeOf(g1.id)).toEqual({ type: 'Polygon', coordinates: [square] });
    expect(await audits()).toBe(1);

    // Without regions:write, refused; an unknown region is not found.
    const leader = await demo.send('POST', '/api/v1/map/boundaries/import', body, cookies.leader);
    expect(leader.status).toBe(403);
    const unknown = await demo.send(
      'POST',
      '/api/v1/map/boundaries/import',
      { ...body, regionId: uuidv7() },
      cookies.sysadmin,
    );
    expect(unknown.status).toBe(404);
    const notAFile = await demo.send(
      'POST',
      '/api/v1/map/boundaries/import',
      { ...body, collection: { type: 'Feature' } },
      cookies.sysadmin,
    );
    expect(notAFile.status).toBe(422);
  });

  it("measures a first check-in against the household's own coordinates", async () => {
    // A seeded household of the worker's community, never visited before.
    const household = await t.database.db
      .selectFrom('household')
      .select(['id', 'latitude', 'longitude'])
      .where('region_path', 'like', `${pathOf.worker1}.%`)
      .where('latitude', 'is not', null)
      .orderBy('code', 'desc')
      .executeTakeFirstOrThrow();
    const visit = async (latitude: number, longitude: number) => {
      const res = await demo.send(
        'POST',
        '/api/v1/visits',
        {
          form: 'routine',
          target: { type: 'household', householdId: household.id },
          startedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
          endedAt: new Date(Date.now() - 60_000).toISOString(),
          notes: '入户走访',
          checkIn: { latitude, longitude, accuracy: 10 },
        },
        cookies.worker1,
        { 'idempotency-key': uuidv7() },
      );
      expect(res.status, res.text()).toBe(201);
      return res.json() as CreatedVisit;
    };
    // About 5.5 km north of the household, on the first visit there.
    const first = await visit((household.latitude as number) + 0.05, household.longitude as number);
    expect(first.distanceM).toBeGreaterThan(5000);
    expect(first.far).toBe(true);
  });
});

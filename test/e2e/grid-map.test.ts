import { describe, expect, inject, it } from 'vitest';
import { type GridMap, gridMapSchema } from '../../src/shared/domain/map.ts';
import { projectToWorld, TILE_SIZE } from '../../src/shared/map/map-tiles.ts';
import { chooseOption } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { runAccounts, signIn } from './support/sign-in.ts';
import type { TileRequest } from './support/tile-server.ts';

/** The grid map (issue 12 §7): a leader's street drawn from its grids' boundaries, coloured by a figure. */
const origin = inject('origin');
const tileOrigin = inject('tileOrigin');
const sessions = registerBrowserSessions(origin);

async function tilesRequested(): Promise<TileRequest[]> {
  return (await fetch(`${tileOrigin}/requests`)).json() as Promise<TileRequest[]>;
}

/** The XYZ tile at zoom z holding the middle of the grids' boundaries. */
function tileOfMiddle(map: GridMap, z: number): TileRequest {
  const positions = (c: unknown): number[][] =>
    Array.isArray(c) ? (typeof c[0] === 'number' ? [c as number[]] : c.flatMap(positions)) : [];
  const points = map.grids.flatMap((g) => positions(g.boundary?.coordinates));
  const lons = points.map((p) => p[0] ?? 0);
  const lats = points.map((p) => p[1] ?? 0);
  const [x, y] = projectToWorld([
    (Math.min(...lons) + Math.max(...lons)) / 2,
    (Math.min(...lats) + Math.max(...lats)) / 2,
  ]);
  return { z, x: Math.floor((x / TILE_SIZE) * 2 ** z), y: Math.floor((y / TILE_SIZE) * 2 ** z) };
}

/** A leader signed in, and the map API's answer for their street this month. */
async function signInToLeaderMap() {
  const { page } = await sessions.open();
  await signIn(page, 'leader');
  const leader = await ApiSession.signIn(origin, runAccounts(), 'leader');
  const [street] = await leader.regions();
  if (!street) throw new Error('the leader has no territory');
  const map = gridMapSchema.parse(
    await (await leader.get(`/api/v1/map/grids?regionId=${street.id}&period=month`)).json(),
  );
  return { page, map };
}

describe('the grid map', () => {
  it("draws the leader's grids and switches the figure it colours by", async () => {
    const { page, map } = await signInToLeaderMap();
    const withBoundary = map.grids.filter((g) => g.boundary !== null).length;
    expect(withBoundary).toBeGreaterThan(100);

    await page.goto('/map');
    const card = page.locator(`[data-testid="grid-map"][data-grids-drawn="${withBoundary}"]`);
    await card.waitFor();
    await page.getByTestId('grid-map-canvas').locator('canvas').first().waitFor();
    const legend = page.getByTestId('map-legend');
    await legend.getByText('住户走访覆盖率').waitFor();

    await chooseOption(page.getByTestId('map-figure'), '发现问题');
    await page.locator('[data-testid="map-legend"][data-figure="problemsFound"]').waitFor();
    expect(await legend.textContent()).toContain('发现问题');
    expect(await legend.textContent()).not.toContain('住户走访覆盖率');
  });

  it("lays the operator's own tiles under the grids, following a zoom", async () => {
    const { page, map } = await signInToLeaderMap();

    await page.goto('/map');
    const card = page.locator('[data-testid="grid-map"][data-tile-zoom]');
    await card.waitFor();
    const zoom = Number(await card.getAttribute('data-tile-zoom'));
    // A street of a few square kilometres fills the map at a street-level zoom.
    expect(zoom).toBeGreaterThanOrEqual(11);
    expect(zoom).toBeLessThanOrEqual(18);
    await expect
      .poll(async () => (await tilesRequested()).filter((r) => r.z === zoom))
      .toContainEqual(tileOfMiddle(map, zoom));
    const first = await tilesRequested();
    expect(first.filter((r) => r.z === zoom).length).toBeLessThanOrEqual(120);

    // Zooming in (the wheel over the map) asks for the finer tiles of the new view.
    const canvas = page.getByTestId('grid-map-canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the map has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(100);
    }
    await expect.poll(async () => Number(await card.getAttribute('data-tile-zoom'))).toBeGreaterThan(zoom);
    const deeper = Number(await card.getAttribute('data-tile-zoom'));
    await expect.poll(async () => (await tilesRequested()).some((r) => r.z === deeper)).toBe(true);
    // Every tile asked for lies in the world at its zoom.
    for (const r of await tilesRequested()) {
      expect(r.x).toBeLessThan(2 ** r.z);
      expect(r.y).toBeLessThan(2 ** r.z);
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  isTileTemplate,
  MAX_TILES_IN_VIEW,
  projectToWorld,
  TILE_SIZE,
  tilesInView,
  tileUrl,
  unprojectFromWorld,
} from './map-tiles.ts';

describe('map tiles', () => {
  it('projects to Web Mercator world pixels and back', () => {
    expect(projectToWorld([0, 0])).toEqual([128, 128]);
    const [x, y] = projectToWorld([-180, 85.051_128_78]);
    expect(x).toBeCloseTo(0, 6);
    expect(y).toBeCloseTo(0, 4);
    // Hangzhou (120.15 E, 30.28 N) lies in tile 13/6830/3372 of the XYZ scheme
    // (y = (1 − ln(tan φ + sec φ) / π) / 2 × 2^13 = 3372.6).
    const [hx, hy] = projectToWorld([120.15, 30.28]);
    expect(Math.floor((hx / TILE_SIZE) * 2 ** 13)).toBe(6830);
    expect(Math.floor((hy / TILE_SIZE) * 2 ** 13)).toBe(3372);
    const [lon, lat] = unprojectFromWorld(projectToWorld([120.15, 30.28]));
    expect(lon).toBeCloseTo(120.15, 9);
    expect(lat).toBeCloseTo(30.28, 9);
  });

  it('covers the view with tiles of the zoom closest to their natural size', () => {
    // One world pixel = 2^10 screen pixels: zoom 10, tiles drawn at 256 px.
    const scale = 2 ** 10;
    const [wx, wy] = projectToWorld([120.15, 30.28]);
    const view = { originX: 400 - wx * scale, originY: 300 - wy * scale, scale, width: 800, height: 600 };
    const tiles = tilesInView(view, 18);
    expect(new Set(tiles.map((t) => t.z))).toEqual(new Set([10]));
    expect(tiles.every((t) => t.size === 256)).toBe(true);
    // Every screen pixel lies in one tile: 800×600 needs 4–5 columns and 3–4 rows.
    const columns = new Set(tiles.map((t) => t.x)).size;
    const rows = new Set(tiles.map((t) => t.y)).size;
    expect(tiles).toHaveLength(columns * rows);
    expect(Math.min(...tiles.map((t) => t.left))).toBeLessThanOrEqual(0);
    expect(Math.max(...tiles.map((t) => t.left + t.size))).toBeGreaterThanOrEqual(800);
    expect(Math.min(...tiles.map((t) => t.top))).toBeLessThanOrEqual(0);
    expect(Math.max(...tiles.map((t) => t.top + t.size))).toBeGreaterThanOrEqual(600);
    // The tile under the screen's centre holds Hangzhou.
    const centre = tiles.find(
      (t) => t.left <= 400 && 400 < t.left + t.size && t.top <= 300 && 300 < t.top + t.size,
    );
    expect(centre).toMatchObject({ x: Math.floor((wx / 256) * 1024), y: Math.floor((wy / 256) * 1024) });
  });

  it("never goes deeper than the server's last zoom, and stretches its tiles instead", () => {
    const view = { originX: -1e6, originY: -1e6, scale: 2 ** 19.2, width: 800, height: 600 };
    const tiles = tilesInView(view, 17);
    expect(tiles[0]?.z).toBe(17);
    expect(tiles[0]?.size).toBeCloseTo(256 * 2 ** 2.2, 6);
  });

  it('asks for no tile beyond the edge of the world, and for fewer, coarser tiles on a huge screen', () => {
    const whole = tilesInView({ originX: 100, originY: 100, scale: 1, width: 1000, height: 1000 }, 18);
    expect(whole).toEqual([{ z: 0, x: 0, y: 0, left: 100, top: 100, size: 256 }]);
    const huge = tilesInView({ originX: 0, originY: 0, scale: 64, width: 8000, height: 8000 }, 18);
    expect(huge.length).toBeLessThanOrEqual(MAX_TILES_IN_VIEW);
    expect(huge[0]?.z).toBeLessThan(6);
    expect(tilesInView({ originX: 0, originY: 0, scale: 0, width: 10, height: 10 }, 18)).toEqual([]);
  });

  it("fills in the operator's template, which must name z, x and y on http(s)", () => {
    expect(tileUrl('https://gis.example.gov.cn/tiles/{z}/{x}/{y}.png', { z: 3, x: 6, y: 2 })).toBe(
      'https://gis.example.gov.cn/tiles/3/6/2.png',
    );
    expect(isTileTemplate('http://10.0.0.5:8080/wmts/{z}/{y}/{x}')).toBe(true);
    expect(isTileTemplate('https://gis.example.gov.cn/tiles/{z}/{x}.png')).toBe(false);
    expect(isTileTemplate('ftp://gis.example.gov.cn/{z}/{x}/{y}.png')).toBe(false);
    expect(isTileTemplate('/tiles/{z}/{x}/{y}.png')).toBe(false);
  });
});

import type { ECharts } from 'echarts/core';
import type { MapTiles } from '../../../shared/domain/meta.ts';
import { TILE_SIZE, tilesInView, tileUrl, unprojectFromWorld } from '../../../shared/map/map-tiles.ts';

/**
 * Draws the operator's raster tiles under the grids as ECharts image elements, placed where the
 * map's geo component (in Web Mercator) puts their corners. Called on every change of view; each
 * call replaces the previous call's tiles, so a pan or zoom never leaves stale ones behind.
 * Returns the tiles' zoom (null when none are in view).
 */
export function tileLayer(tiles: MapTiles) {
  let drawn = new Set<string>();
  return (chart: ECharts): number | null => {
    const corner = (world: number) =>
      chart.convertToPixel({ geoIndex: 0 }, unprojectFromWorld([world, world])) as number[] | undefined;
    const origin = corner(0);
    const far = corner(TILE_SIZE);
    if (!origin || !far || origin.length < 2 || far.length < 2) return null;
    const placed = tilesInView(
      {
        originX: origin[0] ?? 0,
        originY: origin[1] ?? 0,
        scale: ((far[0] ?? 0) - (origin[0] ?? 0)) / TILE_SIZE,
        width: chart.getWidth(),
        height: chart.getHeight(),
      },
      tiles.maxZoom,
    );
    const elements = placed.map((t) => ({
      type: 'image',
      id: `tile-${t.z}-${t.x}-${t.y}`,
      silent: true,
      z: -10,
      style: { image: tileUrl(tiles.url, t), x: t.left, y: t.top, width: t.size, height: t.size },
    }));
    const now = new Set(elements.map((e) => e.id));
    const gone = [...drawn].filter((id) => !now.has(id)).map((id) => ({ id, $action: 'remove' }));
    drawn = now;
    chart.setOption({ graphic: { elements: [...gone, ...elements] } });
    return placed[0]?.z ?? null;
  };
}

/**
 * Raster tiles under the grid map, from a tile server the operator runs (XYZ scheme, Web Mercator,
 * 256-pixel tiles: what GeoServer, MapProxy, TileServer GL and most Chinese GIS platforms serve).
 * Pure arithmetic, so the browser code that draws the tiles stays a thin shell and the sums are
 * unit-tested.
 */

/** A tile's edge in pixels at its own zoom, and the whole world's edge at zoom 0. */
export const TILE_SIZE = 256;
/** Web Mercator stops at ±85.0511°, where the projected world becomes square. */
const MAX_LATITUDE = 85.051_128_78;

/** Longitude/latitude (WGS 84 degrees) → zoom-0 world pixels, x right, y down (0–256 each). */
export function projectToWorld([lon, lat]: readonly [number, number] | readonly number[]): [number, number] {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat ?? 0));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const x = (((lon ?? 0) + 180) / 360) * TILE_SIZE;
  const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * TILE_SIZE;
  return [x, y];
}

/** The inverse of `projectToWorld`. */
export function unprojectFromWorld([x, y]: readonly [number, number] | readonly number[]): [number, number] {
  const lon = ((x ?? 0) / TILE_SIZE) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * (y ?? 0)) / TILE_SIZE;
  const lat = (180 / Math.PI) * Math.atan(Math.sinh(n));
  return [lon, lat];
}

/**
 * Where the chart shows the world: the screen position of world pixel (0, 0) and how many screen
 * pixels one zoom-0 world pixel spans (the chart neither rotates nor stretches one axis).
 */
export interface WorldView {
  originX: number;
  originY: number;
  scale: number;
  width: number;
  height: number;
}

export interface PlacedTile {
  z: number;
  x: number;
  y: number;
  /** Screen rectangle of the tile. */
  left: number;
  top: number;
  size: number;
}

/** At most this many tiles are asked for at once, so a huge screen cannot flood the tile server. */
export const MAX_TILES_IN_VIEW = 120;

/**
 * The tiles that cover the view, at the zoom whose tiles come closest to their natural size (no
 * deeper than the server's `maxZoom`; shallower when more than `MAX_TILES_IN_VIEW` would be
 * needed). Tiles outside the world (beyond the poles or the antimeridian) are not asked for.
 */
export function tilesInView(view: WorldView, maxZoom: number): PlacedTile[] {
  if (!(view.scale > 0) || view.width <= 0 || view.height <= 0) return [];
  let z = Math.max(0, Math.min(maxZoom, Math.round(Math.log2(view.scale))));
  while (true) {
    const tiles = tilesAtZoom(view, z);
    if (tiles.length <= MAX_TILES_IN_VIEW || z === 0) return tiles;
    z -= 1;
  }
}

function tilesAtZoom(view: WorldView, z: number): PlacedTile[] {
  const count = 2 ** z;
  const size = (TILE_SIZE * view.scale) / count;
  const span = (from: number, length: number) => ({
    first: Math.max(0, Math.floor(-from / size)),
    last: Math.min(count - 1, Math.floor((length - from) / size)),
  });
  const xs = span(view.originX, view.width);
  const ys = span(view.originY, view.height);
  const tiles: PlacedTile[] = [];
  for (let y = ys.first; y <= ys.last; y++)
    for (let x = xs.first; x <= xs.last; x++)
      tiles.push({ z, x, y, left: view.originX + x * size, top: view.originY + y * size, size });
  return tiles;
}

/** A tile's address from the operator's template: `{z}`, `{x}` and `{y}` are replaced. */
export function tileUrl(template: string, tile: Pick<PlacedTile, 'z' | 'x' | 'y'>): string {
  return template
    .replaceAll('{z}', String(tile.z))
    .replaceAll('{x}', String(tile.x))
    .replaceAll('{y}', String(tile.y));
}

/** Whether a configured template names a tile: an http(s) address holding `{z}`, `{x}` and `{y}`. */
export function isTileTemplate(template: string): boolean {
  const probe = tileUrl(template, { z: 0, x: 0, y: 0 });
  return (
    ['{z}', '{x}', '{y}'].every((p) => template.includes(p)) &&
    URL.canParse(probe) &&
    /^https?:$/.test(new URL(probe).protocol)
  );
}

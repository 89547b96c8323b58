import { z } from 'zod';

/**
 * A place on the globe in WGS84 degrees (what phones report and GeoJSON uses). One definition
 * for every coordinate the API accepts: a visit's check-in, a household's or an enterprise's
 * position.
 */
export const latitudeSchema = z.number().min(-90).max(90);
export const longitudeSchema = z.number().min(-180).max(180);

/** Decimals a stored position keeps: 1e-6 degree is about 0.1 m, far finer than any phone fix. */
export const POSITION_DECIMALS = 6;

/** True when `v` has at most POSITION_DECIMALS decimals (tolerating binary float dust). */
export function hasPositionDecimals(v: number): boolean {
  const scaled = v * 10 ** POSITION_DECIMALS;
  return Math.abs(Math.round(scaled) - scaled) < 1e-6;
}

const storedDegrees = (range: z.ZodNumber) =>
  range.refine(hasPositionDecimals, { message: `At most ${POSITION_DECIMALS} decimals.` });

/**
 * A household's or an enterprise's recorded position: both coordinates or none (the object is
 * sent whole, `null` clears it), each within its range and with at most six decimals.
 */
export const positionSchema = z
  .object({ latitude: storedDegrees(latitudeSchema), longitude: storedDegrees(longitudeSchema) })
  .strict();
export type Position = z.infer<typeof positionSchema>;

/** The position of a row whose latitude and longitude columns may be null (both or neither is stored). */
export function positionOf(row: { latitude: number | null; longitude: number | null }): Position | null {
  return row.latitude !== null && row.longitude !== null
    ? { latitude: row.latitude, longitude: row.longitude }
    : null;
}

/** The columns a position is stored in; null clears both. */
export function positionColumns(position: Position | null): {
  latitude: number | null;
  longitude: number | null;
} {
  return { latitude: position?.latitude ?? null, longitude: position?.longitude ?? null };
}

export function samePosition(a: Position | null, b: Position | null): boolean {
  return a?.latitude === b?.latitude && a?.longitude === b?.longitude;
}

/** A position as detail pages print it: "30.213456, 120.271234" (latitude first, six decimals). */
export function formatPosition(p: Position): string {
  return `${p.latitude.toFixed(POSITION_DECIMALS)}, ${p.longitude.toFixed(POSITION_DECIMALS)}`;
}

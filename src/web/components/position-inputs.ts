import type { Position } from '../../shared/map/position.ts';

/** The position inputs as a form holds them (PositionInputs.tsx): an empty input is null. */
export interface PositionInputValues {
  latitude?: number | null;
  longitude?: number | null;
}

export const given = (v: number | null | undefined): v is number => typeof v === 'number';

/** The inputs' position: both given → the position, otherwise none (the rules refuse one alone). */
export function positionFromInputs(values: PositionInputValues): Position | null {
  return given(values.latitude) && given(values.longitude)
    ? { latitude: values.latitude, longitude: values.longitude }
    : null;
}

export function positionInputValues(position: Position | null): Required<PositionInputValues> {
  return { latitude: position?.latitude ?? null, longitude: position?.longitude ?? null };
}

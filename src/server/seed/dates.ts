import type { Rng } from './random.ts';

/**
 * The date the generated population is "as of": ages are counted to it and nobody is born after
 * it. It is fixed (not today) so that a seed always gives the same data, and it lies in the past
 * so that every generated birth date passes the "not in the future" check of ID numbers.
 */
export const AS_OF = '2026-01-01';

const DAY_MS = 86_400_000;

export function toEpochDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** A birth date at which a person is exactly `age` years old (in whole years) on `asOf`. */
export function birthDateForAge(rng: Rng, age: number, asOf: string = AS_OF): string {
  const year = yearOf(asOf) - age;
  const latest = toEpochDay(`${year}${asOf.slice(4)}`);
  // Born within the year up to the anniversary: the day after the previous anniversary … the anniversary.
  const earliest = toEpochDay(`${year - 1}${asOf.slice(4)}`) + 1;
  return fromEpochDay(earliest + rng.int(latest - earliest + 1));
}

/** Whole years between a birth date and `asOf`. */
export function ageOn(birthDate: string, asOf: string = AS_OF): number {
  const years = yearOf(asOf) - yearOf(birthDate);
  return birthDate.slice(5) > asOf.slice(5) ? years - 1 : years;
}

import { cstDay } from '../../shared/time/china-time.ts';

/**
 * A `date` column as the Beijing day it holds (YYYY-MM-DD). Both engines hand it over as text
 * (db/engine.ts sets node-postgres's parser; PGlite does the same); a Date, should a path ever
 * give one, stands at a midnight that cstDay reads as the same day.
 */
export function dateColumn(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : cstDay(value);
}

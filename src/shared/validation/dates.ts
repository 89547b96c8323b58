import { z } from 'zod';

/**
 * The one rule for dates and instants a client sends. ISO syntax alone lets through years 0000
 * and 9999, which PostgreSQL either refuses or turns into arithmetic overflows deep in a query
 * (a 500); no record of this system lies outside 1900–2100, so anything else is a 422 here.
 */
export const EARLIEST_DAY = '1900-01-01';
export const LATEST_DAY = '2100-12-31';
const EARLIEST_MS = Date.parse(`${EARLIEST_DAY}T00:00:00Z`);
const LATEST_MS = Date.parse(`${LATEST_DAY}T23:59:59.999Z`);

/** Things that happened (a visit's start and end): not before 2000, not more than a day ahead. */
export const EARLIEST_EVENT = '2000-01-01T00:00:00Z';
const EARLIEST_EVENT_MS = Date.parse(EARLIEST_EVENT);
const EVENT_LEEWAY_MS = 24 * 60 * 60 * 1000;

const inRange = (ms: number) => !Number.isNaN(ms) && ms >= EARLIEST_MS && ms <= LATEST_MS;

/** `YYYY-MM-DD` between 1900-01-01 and 2100-12-31. */
export const calendarDaySchema = z.iso.date().refine((value) => inRange(Date.parse(`${value}T00:00:00Z`)), {
  message: `A date between ${EARLIEST_DAY} and ${LATEST_DAY}.`,
});

/** An ISO 8601 date-time with offset between 1900 and 2100. */
export const instantSchema = z.iso.datetime({ offset: true }).refine((value) => inRange(Date.parse(value)), {
  message: `A time between ${EARLIEST_DAY} and ${LATEST_DAY}.`,
});

export function isPlausibleEventTime(ms: number, now = Date.now()): boolean {
  return !Number.isNaN(ms) && ms >= EARLIEST_EVENT_MS && ms <= now + EVENT_LEEWAY_MS;
}

/** When something was done: an instant from 2000 up to a day after now (clocks drift, zones differ). */
export const eventInstantSchema = z.iso
  .datetime({ offset: true })
  .refine((value) => isPlausibleEventTime(Date.parse(value)), {
    message: 'A time between 2000-01-01 and tomorrow.',
  });

import { cstMinuteOfDay } from '../time/china-time.ts';

/** A night window in local CST times HH:MM; it spans midnight when `from` is later than `to`. */
export interface NightWindow {
  from: string;
  to: string;
}

const minutes = (hhmm: string) => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new Error(`Not a time of day: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
};

/**
 * A visit is a night visit when it starts inside the night window (`from` inclusive, `to`
 * exclusive); when it ends does not matter, so a visit from 17:30 to 19:00 is a day visit. A window
 * whose ends are equal is empty: the district has no night visits.
 */
export function isNight(start: Date, _end: Date, window: NightWindow): boolean {
  const from = minutes(window.from);
  const to = minutes(window.to);
  const at = cstMinuteOfDay(start);
  if (from === to) return false;
  return from < to ? at >= from && at < to : at >= from || at < to;
}

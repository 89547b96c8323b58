import { describe, expect, it } from 'vitest';
import { calendarDaySchema, eventInstantSchema, instantSchema, isPlausibleEventTime } from './dates.ts';

describe('the one date rule', () => {
  it('accepts calendar days from 1900 to 2100 and refuses years 0000, 1800 and 9999', () => {
    for (const ok of ['1900-01-01', '2024-02-29', '2100-12-31'])
      expect(calendarDaySchema.safeParse(ok).success).toBe(true);
    for (const bad of ['0000-01-01', '1800-06-01', '1899-12-31', '2101-01-01', '9999-12-31', '2023-02-29'])
      expect(calendarDaySchema.safeParse(bad).success, bad).toBe(false);
  });

  it('bounds instants the same way, whatever the offset', () => {
    expect(instantSchema.safeParse('2026-03-01T08:00:00+08:00').success).toBe(true);
    for (const bad of ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '1800-01-01T00:00:00Z'])
      expect(instantSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('takes events from 2000 up to a day ahead of now', () => {
    const now = Date.parse('2026-03-10T00:00:00Z');
    expect(isPlausibleEventTime(Date.parse('2026-03-10T20:00:00Z'), now)).toBe(true);
    expect(isPlausibleEventTime(Date.parse('2026-03-11T00:00:01Z'), now)).toBe(false);
    expect(isPlausibleEventTime(Date.parse('1999-12-31T23:59:59Z'), now)).toBe(false);
    expect(eventInstantSchema.safeParse('1800-01-01T08:00:00+08:00').success).toBe(false);
    expect(eventInstantSchema.safeParse(new Date(Date.now() - 60_000).toISOString()).success).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_STATES, TERMINAL_STATES } from '../cases/workflow.ts';
import {
  OPEN311_MAX_DAYS,
  open311Datetime,
  open311Status,
  open311Window,
  parseOpen311Datetime,
} from './open311.ts';

const DAY = 86_400_000;
const instant = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2099-12-31T23:59:59Z'),
  noInvalidDate: true,
});

describe('Open311 rules', () => {
  it('writes datetimes as UTC with Z and no fractions, which parse back to the second', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const text = open311Datetime(at);
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        expect(parseOpen311Datetime(text)?.getTime()).toBe(Math.floor(at.getTime() / 1000) * 1000);
      }),
    );
    expect(parseOpen311Datetime('2026-01-01T08:00:00+08:00')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseOpen311Datetime('2026-01-01T00:00:00')).toBeNull();
    expect(parseOpen311Datetime('2026-01-01')).toBeNull();
  });

  it('answers a window of at most 90 days that holds the bounds given, or refuses', () => {
    fc.assert(
      fc.property(fc.option(instant), fc.option(instant), instant, (start, end, now) => {
        const window = open311Window(start, end, now);
        if ('error' in window) {
          expect(start !== null && (end ?? now) !== null).toBe(true);
          return;
        }
        expect(window.to.getTime() - window.from.getTime()).toBeLessThanOrEqual(OPEN311_MAX_DAYS * DAY);
        expect(window.from.getTime()).toBeLessThanOrEqual(window.to.getTime());
        if (start) expect(window.from).toEqual(start);
        if (end) expect(window.to).toEqual(end);
        if (!start && !end) expect(window.to).toEqual(now);
      }),
    );
  });

  it('calls exactly the terminal states closed', () => {
    for (const state of CASE_STATES)
      expect(open311Status(state)).toBe(TERMINAL_STATES.has(state) ? 'closed' : 'open');
  });
});

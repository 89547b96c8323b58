import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNight } from './night.ts';

const at = (hhmm: string) => new Date(`2026-05-12T${hhmm}:00+08:00`);
const hour = (start: string) => isNight(at(start), at('23:59'), { from: '18:00', to: '07:00' });

describe('night visits', () => {
  it('counts a visit as night when it starts inside a window across midnight', () => {
    expect(hour('18:00')).toBe(true);
    expect(hour('23:30')).toBe(true);
    expect(hour('00:00')).toBe(true);
    expect(hour('06:59')).toBe(true);
    expect(hour('07:00')).toBe(false);
    expect(hour('17:59')).toBe(false);
  });

  it('handles a window within one day and an empty window', () => {
    const w = { from: '01:00', to: '05:00' };
    expect(isNight(at('00:59'), at('02:00'), w)).toBe(false);
    expect(isNight(at('01:00'), at('02:00'), w)).toBe(true);
    expect(isNight(at('04:59'), at('06:00'), w)).toBe(true);
    expect(isNight(at('03:00'), at('04:00'), { from: '03:00', to: '03:00' })).toBe(false);
  });

  it('reads the start in CST whatever the instant’s UTC day, and ignores the end', () => {
    // 10:30 UTC is 18:30 CST.
    expect(
      isNight(new Date('2026-05-12T10:30:00Z'), new Date('2026-05-12T11:00:00Z'), {
        from: '18:00',
        to: '07:00',
      }),
    ).toBe(true);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 1439 }),
        (from, to, start) => {
          const hhmm = (m: number) =>
            `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          const s = at(hhmm(start));
          const w = { from: hhmm(from), to: hhmm(to) };
          const inside = from <= to ? start >= from && start < to : start >= from || start < to;
          expect(isNight(s, new Date(s.getTime() + 3600_000), w)).toBe(inside);
          // The complement window holds exactly the other starts (when both are non-empty).
          if (from !== to) expect(isNight(s, s, { from: w.to, to: w.from })).toBe(!inside);
        },
      ),
    );
  });
});

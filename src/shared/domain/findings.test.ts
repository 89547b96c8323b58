import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, cstDay, cstMidnight } from '../time/china-time.ts';
import { findingState, wasOverdue } from './findings.ts';

const dayArb = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2024-01-01', n));
const minuteArb = fc.integer({ min: 0, max: 24 * 60 - 1 });
const instant = (day: string, minute: number) => new Date(cstMidnight(day).getTime() + minute * 60_000);

describe('a finding over time', () => {
  it('is open through its due Beijing day, overdue from the next, rectified once answered', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -5, max: 5 }), minuteArb, (dueOn, offset, minute) => {
        const now = instant(addDays(dueOn, offset), minute);
        expect(findingState({ dueOn, answeredAt: null }, now)).toBe(offset > 0 ? 'overdue' : 'open');
        expect(findingState({ dueOn, answeredAt: now }, now)).toBe('rectified');
        expect(wasOverdue({ dueOn, answeredAt: null }, now)).toBe(offset > 0);
      }),
    );
  });

  it('stays overdue for the scores when answered late, never when answered in time', () => {
    fc.assert(
      fc.property(
        dayArb,
        fc.integer({ min: -5, max: 5 }),
        minuteArb,
        fc.integer({ min: 0, max: 30 }),
        (dueOn, answered, minute, later) => {
          const answeredAt = instant(addDays(dueOn, answered), minute);
          const now = instant(addDays(cstDay(answeredAt), later), minute);
          expect(wasOverdue({ dueOn, answeredAt }, now)).toBe(answered > 0);
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../time/china-time.ts';
import { PERIOD_KINDS } from '../visits/periods.ts';
import { assessmentPeriodOfDay, previousAssessmentPeriod } from './assessment-periods.ts';

const span = (kind: (typeof PERIOD_KINDS)[number], day: string, monthStartDay = 1) => {
  const p = assessmentPeriodOfDay(kind, day, { monthStartDay });
  return [p.from, p.to];
};

describe('assessment periods', () => {
  it('are the calendar periods when months start on the 1st', () => {
    expect(span('month', '2026-11-18')).toEqual(['2026-11-01', '2026-11-30']);
    expect(span('quarter', '2026-11-18')).toEqual(['2026-10-01', '2026-12-31']);
    expect(span('year', '2026-02-28')).toEqual(['2026-01-01', '2026-12-31']);
    expect(span('week', '2026-12-05')).toEqual(['2026-11-30', '2026-12-06']);
  });

  it('run from the 19th to the 18th where the assessment says so, named by the month they end in', () => {
    // November's assessment month: 19 October to 18 November.
    expect(span('month', '2026-10-19', 19)).toEqual(['2026-10-19', '2026-11-18']);
    expect(span('month', '2026-11-18', 19)).toEqual(['2026-10-19', '2026-11-18']);
    expect(span('month', '2026-11-19', 19)).toEqual(['2026-11-19', '2026-12-18']);
    // Across the year: 19 December belongs to January of the next year.
    expect(span('month', '2026-12-19', 19)).toEqual(['2026-12-19', '2027-01-18']);
    expect(span('year', '2026-12-19', 19)).toEqual(['2026-12-19', '2027-12-18']);
    // The fourth quarter: October, November and December's assessment months.
    expect(span('quarter', '2026-11-30', 19)).toEqual(['2026-09-19', '2026-12-18']);
    expect(span('quarter', '2026-09-18', 19)).toEqual(['2026-06-19', '2026-09-18']);
    // Weeks do not move.
    expect(span('week', '2026-12-05', 19)).toEqual(['2026-11-30', '2026-12-06']);
    expect(() => assessmentPeriodOfDay('month', '2026-01-01', { monthStartDay: 29 })).toThrow(RangeError);
  });

  it('tile the days: every day lies in exactly one period, and the previous one ends the day before', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PERIOD_KINDS),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 3650 }),
        (kind, startDay, offset) => {
          const day = addDays('2024-01-01', offset);
          const p = assessmentPeriodOfDay(kind, day, { monthStartDay: startDay });
          expect(p.from <= day && day <= p.to).toBe(true);
          expect(assessmentPeriodOfDay(kind, p.from, { monthStartDay: startDay })).toEqual(p);
          expect(assessmentPeriodOfDay(kind, p.to, { monthStartDay: startDay })).toEqual(p);
          const before = previousAssessmentPeriod(p, { monthStartDay: startDay });
          expect(addDays(before.to, 1)).toBe(p.from);
          expect(p.end.getTime() - p.start.getTime()).toBe(
            Date.parse(`${addDays(p.to, 1)}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`),
          );
        },
      ),
    );
  });
});

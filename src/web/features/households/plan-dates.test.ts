import { describe, expect, it } from 'vitest';
import { checkFollowUpDates, followUpState } from './plan-dates.ts';

describe('plan follow-up dates', () => {
  it('drops blanks, sorts, and names bad, repeated or missing dates', () => {
    expect(checkFollowUpDates(['2026-12-15', '', '2026-12-01'], { required: true })).toEqual({
      dates: ['2026-12-01', '2026-12-15'],
      problem: null,
    });
    expect(checkFollowUpDates(['2026-13-01'], { required: true }).problem).toBe(
      'records.problems.dateInvalid',
    );
    expect(checkFollowUpDates(['2026-12-01', '2026-12-01'], { required: true }).problem).toBe(
      'records.plan.dateRepeated',
    );
    expect(checkFollowUpDates([''], { required: true }).problem).toBe('records.plan.datesRequired');
    expect(checkFollowUpDates([], { required: false })).toEqual({ dates: [], problem: null });
  });

  it('tells done, overdue and pending follow-ups apart', () => {
    expect(followUpState({ dueDate: '2026-01-01', doneAt: '2026-01-02T00:00:00Z' }, '2026-06-01')).toBe(
      'done',
    );
    expect(followUpState({ dueDate: '2026-01-01', doneAt: null }, '2026-06-01')).toBe('overdue');
    expect(followUpState({ dueDate: '2026-06-01', doneAt: null }, '2026-06-01')).toBe('pending');
  });
});

import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './calendar.ts';
import { OFFICIAL_CALENDARS } from './calendar-data.ts';
import { DEFAULT_CLOCK_LIMITS, dueAt, limitFor } from './clock-rules.ts';

const calendar = new WorkingCalendar(OFFICIAL_CALENDARS);
const cst = (local: string) => new Date(`${local}+08:00`);

describe('clock limits', () => {
  it('takes the category over the district over the default', () => {
    expect(limitFor('handling', 'ordinary')).toEqual({ workingDays: 15 });
    expect(limitFor('handling', 'ordinary', { handling: { ordinary: { workingDays: 10 } } })).toEqual({
      workingDays: 10,
    });
    expect(
      limitFor(
        'handling',
        'ordinary',
        { handling: { ordinary: { workingDays: 10 } } },
        { handling: { ordinary: { workingDays: 3 } } },
      ),
    ).toEqual({ workingDays: 3 });
    expect(limitFor('sign_off', 'urgent', {}, { handling: { urgent: { hours: 2 } } })).toEqual(
      DEFAULT_CLOCK_LIMITS.sign_off.urgent,
    );
  });

  it('puts the deadlines of a case dispatched on the Friday before National Day 2025 on working time', () => {
    const dispatched = cst('2025-09-26T15:00:00');
    // Important: sign within 4 office hours: 2.5 h on Friday, 1.5 h on the make-up Sunday.
    expect(dueAt(calendar, dispatched, limitFor('sign_off', 'important'))).toEqual(
      cst('2025-09-28T10:30:00'),
    );
    // Important: handle within 5 working days: 28, 29, 30 Sep, then 9 and 10 Oct.
    expect(dueAt(calendar, dispatched, limitFor('handling', 'important'))).toEqual(
      cst('2025-10-10T17:30:00'),
    );
    // Ordinary: 15 working days.
    expect(dueAt(calendar, dispatched, limitFor('handling', 'ordinary'))).toEqual(cst('2025-10-23T17:30:00'));
  });
});

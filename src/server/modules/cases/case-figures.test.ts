import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../shared/cases/calendar.ts';
import { OFFICIAL_CALENDARS } from '../../../shared/cases/calendar-data.ts';
import { CASE_LEVELS } from '../../../shared/cases/levels.ts';
import { caseFigureFacts } from './case-figures.ts';
import { newCaseRow } from './record-new-case.ts';

const calendar = new WorkingCalendar(OFFICIAL_CALENDARS);
const at = (local: string) => new Date(`${local}+08:00`);

const row = newCaseRow({
  district_code: '330109',
  id: '0190a0a0-0000-7000-8000-000000000001',
  number: '330109-2026-000001',
  channel: 'visit',
  kind: 'help',
  title: '路灯不亮',
  description: '小区东门路灯坏了。',
  region_id: '0190a0a0-0000-7000-8000-000000000002',
  region_path: '330109.001',
  reporter_type: 'resident',
  created_at: at('2026-06-01T09:00:00'),
  intake_level: CASE_LEVELS.community,
});

const clock = (
  name: string,
  overdueAt: Date | null,
  stop: { at: Date; by: string | null } | null = null,
) => ({
  clock: name,
  started_at: at('2026-06-01T09:00:00'),
  due_at: at('2026-06-02T09:00:00'),
  stopped_at: stop?.at ?? null,
  stopped_by: stop?.by ?? null,
  overdue_at: overdueAt,
});

describe('the reminders (催办) a case counts', () => {
  it('are its missed deadlines, not its lapsed weekly progress notices', () => {
    const facts = caseFigureFacts(
      row,
      [
        clock('first_contact', at('2026-06-02T09:05:00')),
        clock('handling', null),
        clock('progress', at('2026-06-08T09:05:00')),
      ],
      calendar,
    );
    expect(facts.reminders).toBe(1);
    expect(caseFigureFacts(row, [clock('progress', at('2026-06-08T09:05:00'))], calendar).reminders).toBe(0);
  });
});

describe('the first-contact outcome (响应率)', () => {
  const outcome = (overdueAt: Date | null, stop: { at: Date; by: string | null } | null) =>
    caseFigureFacts(row, [clock('first_contact', overdueAt, stop)], calendar).firstContact;
  const inTime = at('2026-06-01T15:00:00');
  const afterDeadline = at('2026-06-02T10:00:00');

  it('is met by a contact or a reply in time, and by a run stopped before the reason was kept', () => {
    expect(outcome(null, { at: inTime, by: 'first_contact' })).toBe('on_time');
    expect(outcome(null, { at: inTime, by: 'reply' })).toBe('on_time');
    expect(outcome(null, { at: inTime, by: null })).toBe('on_time');
  });

  it('is late after the deadline or once marked overdue, whatever stopped it', () => {
    expect(outcome(null, { at: afterDeadline, by: 'first_contact' })).toBe('late');
    expect(outcome(at('2026-06-02T09:05:00'), { at: afterDeadline, by: 'escalate' })).toBe('late');
    expect(outcome(at('2026-06-02T09:05:00'), null)).toBe('late');
  });

  it('is not counted while it runs, or when the unit passed the case up in time', () => {
    expect(outcome(null, null)).toBeNull();
    expect(outcome(null, { at: inTime, by: 'escalate' })).toBeNull();
  });
});

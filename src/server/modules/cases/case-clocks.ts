import type { Kysely } from 'kysely';
import { WorkingCalendar } from '../../../shared/cases/calendar.ts';
import { OFFICIAL_CALENDARS } from '../../../shared/cases/calendar-data.ts';
import { dueAt, limitFor, PROGRESS_NOTICE_DAYS, type Urgency } from '../../../shared/cases/clock-rules.ts';
import type { Clock } from '../../../shared/cases/workflow.ts';
import type { DB } from '../../db/schema.ts';
import { createCaseRulesRepository } from './case-rules.repository.ts';

const CALENDAR_TTL_MS = 60_000;
let cached: { calendar: WorkingCalendar; at: number } | undefined;

/** The working calendar: shipped years, replaced or extended by imported ones (cached a minute). */
export async function workingCalendar(db: Kysely<DB>): Promise<WorkingCalendar> {
  if (cached && Date.now() - cached.at < CALENDAR_TTL_MS) return cached.calendar;
  const imported = await createCaseRulesRepository(db).importedYears();
  const years = [...OFFICIAL_CALENDARS.filter((y) => !imported.some((i) => i.year === y.year)), ...imported];
  cached = { calendar: new WorkingCalendar(years), at: Date.now() };
  return cached.calendar;
}

/** Forgets the cached calendar (after an import), so the next deadline uses the new year. */
export function forgetCalendar(): void {
  cached = undefined;
}

/** When each of `clocks`, started at `from` on a case of this urgency and category, falls due. */
export async function clockDeadlines(
  db: Kysely<DB>,
  c: { district_code: string; urgency: string; category_id: string | null },
  clocks: readonly Clock[],
  from: Date,
): Promise<Map<Clock, Date>> {
  const out = new Map<Clock, Date>();
  if (clocks.length === 0) return out;
  const rules = createCaseRulesRepository(db);
  const calendar = await workingCalendar(db);
  const district = await rules.districtOverrides(c.district_code);
  const category = c.category_id ? await rules.categoryOverrides(c.district_code, c.category_id) : {};
  const urgency = c.urgency as Urgency;
  for (const clock of clocks) {
    // The platform fixes the hotline deadline; the hotline module writes it at intake.
    if (clock === 'hotline') continue;
    out.set(
      clock,
      clock === 'progress'
        ? new Date(from.getTime() + PROGRESS_NOTICE_DAYS * 86_400_000)
        : dueAt(calendar, from, limitFor(clock, urgency, district, category)),
    );
  }
  return out;
}

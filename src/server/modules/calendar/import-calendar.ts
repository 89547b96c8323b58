import type { Kysely } from 'kysely';
import { type CalendarYear, OFFICIAL_CALENDARS } from '../../../shared/cases/calendar-data.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { audit, SYSTEM_DISTRICT } from '../audit/audit.ts';
import { forgetCalendar } from '../cases/case-clocks.ts';
import { createCaseRulesRepository } from '../cases/case-rules.repository.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';

export interface CalendarImportResult {
  year: number;
  /** What the year was before: loaded earlier, shipped with the release, or not known at all. */
  replaced: 'import' | 'shipped' | 'none';
  holidays: { added: string[]; removed: string[]; total: number };
  workdays: { added: string[]; removed: string[]; total: number };
}

const diff = (before: readonly string[], after: readonly string[]) => ({
  added: after.filter((d) => !before.includes(d)).sort(),
  removed: before.filter((d) => !after.includes(d)).sort(),
  total: after.length,
});

/**
 * Loads one year of the working calendar (validated with calendar-file.ts), replacing what was
 * loaded or shipped for that year. The calendar is national reference data, so the change is
 * recorded on every district's audit chain (on the deployment's own chain when there is none);
 * deadlines computed afterwards use the new year at once.
 */
export async function importCalendarYear(
  db: Kysely<DB>,
  year: CalendarYear,
  actor: { username: string; sourceIp: string | null },
): Promise<CalendarImportResult> {
  const result = await runTransaction(db, async (trx) => {
    const rules = createCaseRulesRepository(trx);
    const loaded = (await rules.importedYears()).find((y) => y.year === year.year);
    const shipped = OFFICIAL_CALENDARS.find((y) => y.year === year.year);
    const before = loaded ?? shipped;
    await rules.replaceYear(year.year, [
      ...year.holidays.map((day) => ({ day, working: false, name: null })),
      ...year.workdays.map((day) => ({ day, working: true, name: null })),
    ]);
    const out: CalendarImportResult = {
      year: year.year,
      replaced: loaded ? 'import' : shipped ? 'shipped' : 'none',
      holidays: diff(before?.holidays ?? [], year.holidays),
      workdays: diff(before?.workdays ?? [], year.workdays),
    };
    const districts = await createRegionRepository(trx).districts();
    for (const districtCode of districts.length > 0 ? districts : [SYSTEM_DISTRICT]) {
      await audit(
        trx,
        { districtCode, username: actor.username, sourceIp: actor.sourceIp },
        {
          action: 'calendar.imported',
          result: 'success',
          objectType: 'calendar_year',
          objectId: String(year.year),
          detail: {
            source: year.source,
            replaced: out.replaced,
            holidays: out.holidays,
            workdays: out.workdays,
          },
        },
      );
    }
    return out;
  });
  forgetCalendar();
  return result;
}

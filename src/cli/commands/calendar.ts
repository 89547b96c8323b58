import fs from 'node:fs';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/engine.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { parseCalendarFile } from '../../server/modules/calendar/calendar-file.ts';
import {
  type CalendarImportResult,
  importCalendarYear,
} from '../../server/modules/calendar/import-calendar.ts';
import { AppError } from '../../shared/errors/app-error.ts';
import { cstYear } from '../../shared/time/china-time.ts';

/**
 * `minqing calendar import <file.json>`: loads one year of holidays and make-up working days
 * (audited) and prints what changed. A server on the same PostgreSQL picks the year up within a
 * minute (the embedded data directory is one process's: stop the server first).
 */
export async function calendarImportCommand(file: string): Promise<void> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('BAD_REQUEST', `Cannot read ${file}.`);
  }
  const year = parseCalendarFile(text);
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const result = await importCalendarYear(database.db, year, { username: 'cli', sourceIp: null });
    console.log(describeImport(result, new Date()));
  } finally {
    await database.close();
  }
}

export function describeImport(r: CalendarImportResult, now: Date): string {
  const list = (days: string[]) => (days.length ? days.join(', ') : 'none');
  const before = {
    import: 'the year loaded before',
    shipped: 'the shipped calendar',
    none: 'no calendar (weekends only)',
  };
  return [
    `Calendar ${r.year} loaded: ${r.holidays.total} holidays, ${r.workdays.total} make-up working days (replaces ${before[r.replaced]}).`,
    `holidays added: ${list(r.holidays.added)}`,
    `holidays removed: ${list(r.holidays.removed)}`,
    `working days added: ${list(r.workdays.added)}`,
    `working days removed: ${list(r.workdays.removed)}`,
    // The figures keep handling times in working days, counted with the calendar of their day.
    ...(r.year <= cstYear(now) && changed(r)
      ? [`${r.year} has begun: run \`minqing figures rebuild\` to recount its handling times.`]
      : []),
  ].join('\n');
}

const changed = (r: CalendarImportResult) =>
  [r.holidays.added, r.holidays.removed, r.workdays.added, r.workdays.removed].some(
    (days) => days.length > 0,
  );

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeImport } from '../../src/cli/commands/calendar.ts';
import { SYSTEM_DISTRICT } from '../../src/server/modules/audit/audit.ts';
import { parseCalendarFile } from '../../src/server/modules/calendar/calendar-file.ts';
import { importCalendarYear } from '../../src/server/modules/calendar/import-calendar.ts';
import {
  clockDeadlines,
  forgetCalendar,
  workingCalendar,
} from '../../src/server/modules/cases/case-clocks.ts';
import { AppError } from '../../src/shared/errors/app-error.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { runCli } from '../support/cli.ts';
import { createProcessEnv } from '../support/db.ts';
import { seedSmallDemo } from '../support/demo.ts';

/** Loading a year of the working calendar: validation, what changed, audit, and deadlines that follow. */
let t: TestApp;
const CLI = { username: 'cli', sourceIp: null };
const YEAR_2027 = {
  year: 2027,
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
  workdays: ['2027-02-06'],
};
/** 10:00 on Thursday 31 December 2026, China time. */
const NEW_YEARS_EVE = new Date('2026-12-31T02:00:00Z');

const signOffDue = async () => {
  const due = await clockDeadlines(
    t.database.db,
    { district_code: '330109', urgency: 'ordinary', category_id: null },
    ['sign_off'],
    NEW_YEARS_EVE,
  );
  return due.get('sign_off')?.toISOString();
};

const refusal = (value: unknown) => {
  try {
    parseCalendarFile(JSON.stringify(value));
  } catch (error) {
    if (error instanceof AppError) return error;
  }
  throw new Error('accepted');
};

beforeAll(async () => {
  t = await createTestApp();
  await seedSmallDemo(t, 10);
  forgetCalendar();
});
afterAll(async () => t.close());

describe('calendar file', () => {
  it('accepts a year shaped like the shipped ones', () => {
    expect(parseCalendarFile(JSON.stringify(YEAR_2027))).toEqual(YEAR_2027);
  });

  it('refuses dates outside the year, a day both off and working, weekday make-up days and strange fields', () => {
    expect(refusal({ ...YEAR_2027, holidays: ['2026-12-31'] }).message).toMatch(/2026-12-31 is not in 2027/);
    expect(refusal({ ...YEAR_2027, workdays: ['2027-01-02'] }).message).toMatch(
      /both a holiday and a working day/,
    );
    // 2027-02-08 is a Monday.
    expect(refusal({ ...YEAR_2027, workdays: ['2027-02-08'] }).message).toMatch(/is a weekday/);
    expect(refusal({ ...YEAR_2027, holidays: ['2027-01-01', '2027-01-01'] }).message).toMatch(/listed twice/);
    expect(refusal({ ...YEAR_2027, holidays: ['2027-02-30'] }).code).toBe('VALIDATION_FAILED');
    expect(refusal({ ...YEAR_2027, notes: 'x' }).issues.length).toBeGreaterThan(0);
    expect(() => parseCalendarFile('{"year": 2027,')).toThrow(/not valid JSON/);
  });
});

describe('calendar import', () => {
  it('makes deadlines skip an imported holiday at once, says what changed, and audits it in every district', async () => {
    // Without 2027 only weekends are off: Friday 1 January is a working day.
    expect(await signOffDue()).toBe('2027-01-01T09:30:00.000Z');
    expect((await workingCalendar(t.database.db)).covers(2027)).toBe(false);

    const first = await importCalendarYear(t.database.db, YEAR_2027, CLI);
    expect(first).toEqual({
      year: 2027,
      replaced: 'none',
      holidays: { added: YEAR_2027.holidays, removed: [], total: 3 },
      workdays: { added: ['2027-02-06'], removed: [], total: 1 },
    });
    // Friday to Sunday are now days off: the day's work is due on Monday 4 January at 17:30.
    expect(await signOffDue()).toBe('2027-01-04T09:30:00.000Z');
    const calendar = await workingCalendar(t.database.db);
    expect(calendar.isWorkingDay('2027-02-06')).toBe(true);

    const second = await importCalendarYear(
      t.database.db,
      { ...YEAR_2027, holidays: ['2027-01-01', '2027-01-04'], workdays: [] },
      CLI,
    );
    expect(second).toMatchObject({
      replaced: 'import',
      holidays: { added: ['2027-01-04'], removed: ['2027-01-02', '2027-01-03'], total: 2 },
      workdays: { added: [], removed: ['2027-02-06'], total: 0 },
    });
    expect(await signOffDue()).toBe('2027-01-05T09:30:00.000Z');
    const days = await t.database.db.selectFrom('calendar_day').selectAll().orderBy('day').execute();
    expect(days.map((d) => [String(d.day).slice(0, 10), d.working])).toEqual([
      ['2027-01-01', false],
      ['2027-01-04', false],
    ]);

    const districts = await t.database.db
      .selectFrom('region')
      .select('district_code')
      .where('level', '=', 'district')
      .execute();
    const rows = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'calendar.imported')
      .execute();
    expect(rows).toHaveLength(2 * districts.length);
    expect(rows.map((r) => r.district_code).sort()).toEqual(
      districts.flatMap((d) => [d.district_code, d.district_code]).sort(),
    );
    expect(rows.every((r) => r.object_id === '2027' && r.actor_name === 'cli')).toBe(true);
    expect(rows.map((r) => r.district_code)).not.toContain(SYSTEM_DISTRICT);
  });

  it('tells to recount the figures after changing a year that has begun, and only then', () => {
    const changed = {
      year: 2026,
      replaced: 'shipped' as const,
      holidays: { added: [], removed: ['2026-02-16'], total: 1 },
      workdays: { added: [], removed: [], total: 0 },
    };
    const hint = 'minqing figures rebuild';
    expect(describeImport(changed, new Date('2026-12-07T00:00:00Z'))).toContain(hint);
    expect(describeImport({ ...changed, year: 2027 }, new Date('2026-12-07T00:00:00Z'))).not.toContain(hint);
    const same = { ...changed, holidays: { added: [], removed: [], total: 19 } };
    expect(describeImport(same, new Date('2026-12-07T00:00:00Z'))).not.toContain(hint);
  });

  it('may replace a shipped year', async () => {
    const result = await importCalendarYear(
      t.database.db,
      { year: 2026, source: '更正', holidays: ['2026-01-01'], workdays: [] },
      CLI,
    );
    expect(result.replaced).toBe('shipped');
    expect(result.holidays.removed).toContain('2026-02-16');
    expect((await workingCalendar(t.database.db)).isWorkingDay('2026-02-16')).toBe(true);
  });
});

describe('minqing calendar import', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-cal-'));
  let processEnv: Awaited<ReturnType<typeof createProcessEnv>>;
  beforeAll(async () => {
    processEnv = await createProcessEnv(path.join(dir, 'data'));
  });
  afterAll(async () => processEnv.dispose());

  it('loads a file and prints what changed; a bad file fails in one sentence', async () => {
    const env = { ...processEnv.env, MINQING_PII_KEY: `${'C'.repeat(43)}=` };
    const good = path.join(dir, '2027.json');
    fs.writeFileSync(good, JSON.stringify(YEAR_2027));
    const ok = await runCli(['calendar', 'import', good], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Calendar 2027 loaded: 3 holidays, 1 make-up working days');
    expect(ok.stdout).toContain('holidays added: 2027-01-01, 2027-01-02, 2027-01-03');

    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ ...YEAR_2027, workdays: ['2027-02-08'] }));
    const refused = await runCli(['calendar', 'import', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^minqing: The calendar file is not valid: workdays\.0: 2027-02-08 is a weekday/m,
    );
    expect(refused.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

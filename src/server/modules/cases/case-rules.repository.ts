import { type Kysely, sql } from 'kysely';
import type { CalendarYear } from '../../../shared/cases/calendar-data.ts';
import type { ClockOverrides } from '../../../shared/cases/clock-rules.ts';
import { CASE_LEVELS, type CaseLevel } from '../../../shared/cases/levels.ts';
import type { DB } from '../../db/schema.ts';
import { bumpAuthEpoch } from '../auth/auth.repository.ts';
import { inScope, type Scope } from '../auth/scope.ts';
import { categoriesInUse } from '../categories/categories.repository.ts';

/** The settings key of a district's clock limits over the defaults. */
export const districtClockKey = (districtCode: string) => `case.clock_limits.${districtCode}`;

/** The settings key of the level a district takes hotline (12345) cases in at. */
export const hotlineLevelKey = (districtCode: string) => `case.hotline_intake_level.${districtCode}`;

/** The stored hotline level setting as a level: the street unless it says the district. */
const hotlineLevelOf = (value: unknown): CaseLevel =>
  value === CASE_LEVELS.district ? CASE_LEVELS.district : CASE_LEVELS.street;

/**
 * SQL for the rules cases follow: imported calendar years, clock-limit overrides and the hotline's
 * intake level.
 */
export function createCaseRulesRepository(db: Kysely<DB>) {
  return {
    /** Calendar years loaded after release, in the shape of the shipped ones. */
    async importedYears(): Promise<CalendarYear[]> {
      const rows = await db.selectFrom('calendar_day').selectAll().orderBy('day').execute();
      const years = new Map<number, { holidays: string[]; workdays: string[] }>();
      for (const row of rows) {
        const day = String(row.day).slice(0, 10);
        const year = Number(day.slice(0, 4));
        const entry = years.get(year) ?? { holidays: [], workdays: [] };
        (row.working ? entry.workdays : entry.holidays).push(day);
        years.set(year, entry);
      }
      return [...years].map(([year, e]) => ({ year, source: 'import', ...e }));
    },

    /** Replaces one year's listed days (holidays and make-up working days) in one statement pair. */
    async replaceYear(year: number, days: { day: string; working: boolean; name: string | null }[]) {
      await db
        .deleteFrom('calendar_day')
        .where('day', '>=', `${year}-01-01`)
        .where('day', '<=', `${year}-12-31`)
        .execute();
      if (days.length > 0) await db.insertInto('calendar_day').values(days).execute();
    },

    async districtOverrides(districtCode: string): Promise<ClockOverrides> {
      const row = await db
        .selectFrom('system_setting')
        .select('value')
        .where('key', '=', districtClockKey(districtCode))
        .executeTakeFirst();
      return (row?.value as ClockOverrides | undefined) ?? {};
    },

    /** The category's overrides, falling back to its parent's. */
    async categoryOverrides(districtCode: string, categoryId: string): Promise<ClockOverrides> {
      const row = await db
        .selectFrom('case_category as c')
        .leftJoin('case_category as p', (j) =>
          j.onRef('p.district_code', '=', 'c.district_code').onRef('p.id', '=', 'c.parent_id'),
        )
        .select(['c.clock_limits as own', 'p.clock_limits as parent'])
        .where('c.district_code', '=', districtCode)
        .where('c.id', '=', categoryId)
        .executeTakeFirst();
      return ((row?.own ?? row?.parent) as ClockOverrides | null | undefined) ?? {};
    },

    /** The level hotline cases start at in this district: the street unless configured. */
    async hotlineIntakeLevel(districtCode: string): Promise<CaseLevel> {
      const row = await db
        .selectFrom('system_setting')
        .select('value')
        .where('key', '=', hotlineLevelKey(districtCode))
        .executeTakeFirst();
      return hotlineLevelOf(row?.value);
    },

    /**
     * What an intake checks before it writes, in one round trip (issue 16 §1): the place, if the
     * scope reaches it; whether the category is active; and the district's hotline intake level
     * when the case is a 12345 order. No row: no such place in the scope.
     */
    async intakeReferences(
      scope: Scope,
      regionId: string,
      categoryId: string | null,
      options: { hotline: boolean },
    ): Promise<{ id: string; path: string; categoryActive: boolean; hotlineLevel: CaseLevel } | undefined> {
      const districtCode = scope.districtCode;
      const row = await db
        .selectFrom('region as r')
        .select(['r.id', 'r.path'])
        // The subqueries name the district by value, so Citus routes the whole read to one shard.
        .select((eb) => [
          categoryId === null
            ? sql<boolean>`true`.as('category_active')
            : eb
                .exists(categoriesInUse(db, districtCode).select('c.id').where('c.id', '=', categoryId))
                .as('category_active'),
          options.hotline
            ? eb
                .selectFrom('system_setting as s')
                .select('s.value')
                .where('s.key', '=', hotlineLevelKey(districtCode))
                .as('hotline_level')
            : sql<unknown>`null`.as('hotline_level'),
        ])
        .where('r.id', '=', regionId)
        .where((eb) => inScope(eb, 'r.path', 'r.district_code', scope))
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        id: row.id,
        path: row.path,
        categoryActive: Boolean(row.category_active),
        hotlineLevel: hotlineLevelOf(row.hotline_level),
      };
    },

    async setHotlineIntakeLevel(districtCode: string, level: CaseLevel): Promise<void> {
      const json = JSON.stringify(level);
      await db
        .insertInto('system_setting')
        .values({ key: hotlineLevelKey(districtCode), value: json })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: new Date() }))
        .execute();
      // An intake keeps the level in memory under the auth version (versioned-cache.ts).
      await bumpAuthEpoch(db, districtCode);
    },
  };
}

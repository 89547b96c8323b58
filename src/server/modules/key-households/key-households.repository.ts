import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { atOrAbove, onSameDistrict } from '../auth/scope.ts';

/** All SQL about key households' "五个要" records and 一户一策 plans with their follow-ups. */
export function createKeyHouseholdRepository(db: Kysely<DB>) {
  return {
    /** The newest records first, with who recorded them. */
    records(districtCode: string, householdId: string, limit: number) {
      return db
        .selectFrom('key_household_record as k')
        .innerJoin('app_user as u', onSameDistrict('u.id', 'k.recorded_by'))
        .select([
          'k.id',
          'k.basic_situation',
          'k.living_conditions',
          'k.state_of_mind',
          'k.contact',
          'k.help_in_place',
          'k.recorded_at',
          'k.recorded_by',
          'u.display_name',
        ])
        .where('k.district_code', '=', districtCode)
        .where('k.household_id', '=', householdId)
        .orderBy('k.recorded_at', 'desc')
        .orderBy('k.id', 'desc')
        .limit(limit)
        .execute();
    },

    async recordCount(districtCode: string, householdId: string): Promise<number> {
      const row = await db
        .selectFrom('key_household_record')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('district_code', '=', districtCode)
        .where('household_id', '=', householdId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    insertRecord(row: {
      district_code: string;
      id: string;
      household_id: string;
      basic_situation: string;
      living_conditions: string;
      state_of_mind: string;
      contact: string;
      help_in_place: string;
      recorded_by: string;
      recorded_at: Date;
      visit_id?: string | null;
    }) {
      return db.insertInto('key_household_record').values(row).execute();
    },

    /** A household's plans, active first then newest, with the owner's name. */
    plans(districtCode: string, householdId: string) {
      return db
        .selectFrom('household_plan as p')
        .innerJoin('app_user as o', onSameDistrict('o.id', 'p.owner_user_id'))
        .select([
          'p.id',
          'p.measures',
          'p.owner_user_id',
          'o.display_name',
          'p.status',
          'p.created_at',
          'p.updated_at',
        ])
        .where('p.district_code', '=', districtCode)
        .where('p.household_id', '=', householdId)
        .orderBy(sql`case when p.status = 'active' then 0 else 1 end`)
        .orderBy('p.created_at', 'desc')
        .orderBy('p.id', 'desc')
        .execute();
    },

    followUps(districtCode: string, planIds: readonly string[]) {
      if (planIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('household_plan_follow_up as f')
        .leftJoin('app_user as d', onSameDistrict('d.id', 'f.done_by'))
        .select(['f.id', 'f.plan_id', 'f.due_date', 'f.done_at', 'f.done_by', 'f.note', 'd.display_name'])
        .where('f.district_code', '=', districtCode)
        .where('f.plan_id', 'in', [...planIds])
        .orderBy('f.due_date')
        .orderBy('f.id')
        .execute();
    },

    findPlan(districtCode: string, householdId: string, planId: string) {
      return db
        .selectFrom('household_plan')
        .select(['id', 'measures', 'owner_user_id', 'status'])
        .where('district_code', '=', districtCode)
        .where('household_id', '=', householdId)
        .where('id', '=', planId)
        .executeTakeFirst();
    },

    insertPlan(row: {
      district_code: string;
      id: string;
      household_id: string;
      measures: string;
      owner_user_id: string;
      created_by: string;
    }) {
      return db.insertInto('household_plan').values(row).execute();
    },

    updatePlan(
      districtCode: string,
      planId: string,
      changes: { measures?: string; owner_user_id?: string; status?: 'active' | 'closed' },
    ) {
      return db
        .updateTable('household_plan')
        .set({ ...changes, updated_at: new Date() })
        .where('district_code', '=', districtCode)
        .where('id', '=', planId)
        .execute();
    },

    /** Due dates the plan already has (a date is scheduled once). */
    async followUpDates(districtCode: string, planId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('household_plan_follow_up')
        .select('due_date')
        .where('district_code', '=', districtCode)
        .where('plan_id', '=', planId)
        .execute();
      return rows.map((r) => r.due_date);
    },

    insertFollowUps(rows: { district_code: string; id: string; plan_id: string; due_date: string }[]) {
      if (rows.length === 0) return Promise.resolve();
      return db
        .insertInto('household_plan_follow_up')
        .values(rows)
        .execute()
        .then(() => undefined);
    },

    findFollowUp(districtCode: string, planId: string, followUpId: string) {
      return db
        .selectFrom('household_plan_follow_up')
        .select(['id', 'due_date', 'done_at'])
        .where('district_code', '=', districtCode)
        .where('plan_id', '=', planId)
        .where('id', '=', followUpId)
        .executeTakeFirst();
    },

    markFollowUpDone(districtCode: string, followUpId: string, done: { by: string; at: Date; note: string }) {
      return db
        .updateTable('household_plan_follow_up')
        .set({ done_at: done.at, done_by: done.by, note: done.note })
        .where('district_code', '=', districtCode)
        .where('id', '=', followUpId)
        .where('done_at', 'is', null)
        .executeTakeFirst()
        .then((r) => Number(r.numUpdatedRows));
    },

    /**
     * Active accounts holding one of `roles` with a grant that reaches `regionPath` (a
     * district-wide grant reaches everything), one row per account, by name.
     */
    async reachingUsers(
      districtCode: string,
      regionPath: string,
      roles: readonly string[],
      userId?: string,
    ): Promise<{ id: string; display_name: string }[]> {
      let q = db
        .selectFrom('app_user as u')
        .innerJoin('role_grant as g', onSameDistrict('g.user_id', 'u.id'))
        .leftJoin('region as r', onSameDistrict('r.id', 'g.scope_region_id'))
        .select(['u.id', 'u.display_name'])
        .distinct()
        .where('u.district_code', '=', districtCode)
        .where('u.active', '=', true)
        .where('g.role', 'in', [...roles])
        // Department grants reach cases, not places.
        .where('g.scope_department_id', 'is', null)
        .where((eb) => eb.or([eb('g.scope_region_id', 'is', null), atOrAbove(eb, 'r.path', regionPath)]));
      if (userId) q = q.where('u.id', '=', userId);
      return q.orderBy('u.display_name').orderBy('u.id').execute();
    },
  };
}

export type KeyHouseholdRepository = ReturnType<typeof createKeyHouseholdRepository>;

import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** SQL for the rows actions add beside the case: units, extensions, whistle tasks, ratings. */
export function createCaseWorkRepository(db: Kysely<DB>) {
  return {
    activeDepartments(districtCode: string, ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('department')
        .select(['id', 'name', 'level'])
        .where('district_code', '=', districtCode)
        .where('id', 'in', ids)
        .where('active', '=', true)
        .execute();
    },

    /** A community or grid (or micro-grid) of the district, as a handling unit. */
    unitRegion(districtCode: string, id: string) {
      return db
        .selectFrom('region')
        .select(['id', 'name', 'path', 'level'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .where('level', 'in', ['community', 'grid', 'micro_grid'])
        .executeTakeFirst();
    },

    async insertExtension(row: {
      district_code: string;
      id: string;
      case_id: string;
      working_days: number;
      reason: string;
      requested_by: string;
      requested_at: Date;
    }) {
      await db
        .insertInto('case_extension')
        .values({ ...row, status: 'pending' })
        .execute();
    },

    pendingExtension(districtCode: string, caseId: string) {
      return db
        .selectFrom('case_extension')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
    },

    async decideExtension(
      districtCode: string,
      id: string,
      decision: {
        status: 'approved' | 'refused';
        decided_by: string;
        decided_at: Date;
        decision_reason: string | null;
      },
    ) {
      await db
        .updateTable('case_extension')
        .set(decision)
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    async insertTasks(
      rows: {
        district_code: string;
        id: string;
        case_id: string;
        department_id: string;
        role: 'lead' | 'assist';
        report_due_at: Date;
        created_by: string;
        created_at: Date;
      }[],
    ) {
      if (rows.length > 0) await db.insertInto('case_task').values(rows).execute();
    },

    /** Departments already summoned to the case and still working on it. */
    async openTaskDepartments(districtCode: string, caseId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('case_task')
        .select('department_id')
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .where('done_at', 'is', null)
        .execute();
      return rows.map((r) => r.department_id);
    },

    task(districtCode: string, caseId: string, id: string) {
      return db
        .selectFrom('case_task')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async completeTask(districtCode: string, id: string, at: Date, note: string) {
      await db
        .updateTable('case_task')
        .set({ done_at: at, reported_at: sql`coalesce(reported_at, ${at})`, note })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    async insertRating(row: {
      district_code: string;
      id: string;
      case_id: string;
      rating: string;
      solved: boolean | null;
      note: string | null;
      rated_by: string | null;
      rated_at: Date;
    }) {
      await db.insertInto('case_rating').values(row).execute();
    },
  };
}

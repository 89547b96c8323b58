import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The sweeper's SQL: which cases have a clock to act on, and the marks it leaves on a clock. */
export function createCaseSweeperRepository(db: Kysely<DB>) {
  const clock = (districtCode: string, caseId: string, name: string) =>
    db
      .updateTable('case_clock')
      .where('district_code', '=', districtCode)
      .where('case_id', '=', caseId)
      .where('clock', '=', name)
      .where('stopped_at', 'is', null);

  return {
    /**
     * Cases (of every district) with a running clock past its deadline and not yet marked, or
     * marked overdue before `superviseBefore` and not yet supervised; the most overdue first.
     */
    async casesDue(now: Date, superviseBefore: Date, limit: number) {
      return db
        .selectFrom('case_clock')
        .select(['district_code', 'case_id'])
        .where('stopped_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb.and([eb('overdue_at', 'is', null), eb('due_at', '<', now)]),
            eb.and([
              eb('clock', '!=', 'progress'),
              eb('supervised_at', 'is', null),
              eb('overdue_at', '<', superviseBefore),
            ]),
          ]),
        )
        .groupBy(['district_code', 'case_id'])
        .orderBy(sql`min(due_at)`)
        .limit(limit)
        .execute();
    },

    /** Overdue and reminded (催办) at `at`; false when another sweep got there first. */
    async markOverdue(districtCode: string, caseId: string, name: string, at: Date): Promise<boolean> {
      const res = await clock(districtCode, caseId, name)
        .set({ overdue_at: at, reminded_at: at })
        .where('overdue_at', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    async markSupervised(districtCode: string, caseId: string, name: string, at: Date): Promise<boolean> {
      const res = await clock(districtCode, caseId, name)
        .set({ supervised_at: at })
        .where('overdue_at', 'is not', null)
        .where('supervised_at', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    /** Idempotency keys past their lifetime (a retry after that is a new request). */
    async deleteExpiredIdempotencyKeys(now: Date): Promise<number> {
      const res = await db.deleteFrom('idempotency_key').where('expires_at', '<', now).executeTakeFirst();
      return Number(res.numDeletedRows);
    },
  };
}

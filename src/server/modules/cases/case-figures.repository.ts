import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type WriteBatch, writeOrHold } from '../../db/write-batch.ts';
import type { FigureRow } from '../figures/rollup.repository.ts';

/**
 * SQL for what the case figures need beyond the shared rollup tables (figures/rollup.repository.ts):
 * each case's last contribution, the clocks its facts read, and the cases a rebuild pages through.
 */
export function createCaseFigureRepository(db: Kysely<DB>) {
  return {
    contribution(districtCode: string, caseId: string): Promise<FigureRow | undefined> {
      return db
        .selectFrom('case_figure')
        .select(['day', 'region_id', 'category_key', 'unit_key', 'counters'])
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
    },

    async saveContribution(districtCode: string, caseId: string, row: FigureRow, batch?: WriteBatch) {
      const values = { ...row, counters: JSON.stringify(row.counters) };
      await writeOrHold(
        batch,
        db
          .insertInto('case_figure')
          .values({ district_code: districtCode, case_id: caseId, ...values })
          .onConflict((oc) => oc.columns(['district_code', 'case_id']).doUpdateSet(values)),
      );
    },

    /** The case's clocks, oldest first: its first-contact clock and the overdue marks (reminders). */
    clockFacts(districtCode: string, caseId: string) {
      return db
        .selectFrom('case_clock')
        .select(['clock', 'started_at', 'due_at', 'stopped_at', 'stopped_by', 'overdue_at'])
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .orderBy('started_at')
        .execute();
    },

    /** The cases of a district, for a rebuild, in pages by id. */
    casesAfter(districtCode: string, afterId: string | null, limit: number) {
      let q = db.selectFrom('case_record').selectAll().where('district_code', '=', districtCode);
      if (afterId) q = q.where('id', '>', afterId);
      return q.orderBy('id').limit(limit).execute();
    },

    /** Every clock of these cases (a rebuild reads them per page). */
    clocksOf(districtCode: string, caseIds: readonly string[]) {
      if (caseIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('case_clock')
        .select(['case_id', 'clock', 'started_at', 'due_at', 'stopped_at', 'stopped_by', 'overdue_at'])
        .where('district_code', '=', districtCode)
        .where('case_id', 'in', caseIds)
        .orderBy('started_at')
        .execute();
    },

    async clearContributions(districtCode: string): Promise<void> {
      await db.deleteFrom('case_figure').where('district_code', '=', districtCode).execute();
    },

    async insertContributions(districtCode: string, rows: readonly (FigureRow & { case_id: string })[]) {
      if (rows.length === 0) return;
      await db
        .insertInto('case_figure')
        .values(
          rows.map((r) => ({ district_code: districtCode, ...r, counters: JSON.stringify(r.counters) })),
        )
        .execute();
    },
  };
}

import { type Kysely, sql } from 'kysely';
import { FINAL_PROGRESS_STATES } from '../../../shared/domain/progress.ts';
import type { DB } from '../../db/schema.ts';

/** All SQL about the progress rows of imports and exports (one per reserved run). */
export interface ProgressRow {
  id: string;
  operation: string;
  kind: string | null;
  state: string;
  done: number;
  total: number | null;
  error_code: string | null;
  updated_at: Date;
}

export function createProgressRepository(db: Kysely<DB>) {
  return {
    async reserve(row: {
      district_code: string;
      id: string;
      operation: string;
      kind: string | null;
      created_by: string;
    }): Promise<void> {
      await db
        .insertInto('operation_progress')
        .values({ ...row, state: 'waiting' })
        .execute();
    },

    /**
     * Starts the reserved run: only its reserver, only for its operation, only once. An import is
     * reserved for its kind; an export takes the kind of the download that claims it.
     */
    async claim(
      key: { districtCode: string; id: string; userId: string; operation: string },
      kind: string,
    ): Promise<boolean> {
      const claimed = await db
        .updateTable('operation_progress')
        .set({ state: 'reading', kind, updated_at: sql`now()` })
        .where('district_code', '=', key.districtCode)
        .where('id', '=', key.id)
        .where('created_by', '=', key.userId)
        .where('operation', '=', key.operation)
        .where('state', '=', 'waiting')
        .where((eb) => eb.or([eb('kind', 'is', null), eb('kind', '=', kind)]))
        .executeTakeFirst();
      return claimed.numUpdatedRows > 0n;
    },

    async step(
      districtCode: string,
      id: string,
      step: { state: string; done?: number; total?: number | null; error_code?: string | null },
    ): Promise<void> {
      await db
        .updateTable('operation_progress')
        .set({ ...step, updated_at: sql`now()` })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    /** The run as its starter sees it; anyone else's is not found. */
    find(key: { districtCode: string; id: string; userId: string }): Promise<ProgressRow | undefined> {
      return db
        .selectFrom('operation_progress')
        .select(['id', 'operation', 'kind', 'state', 'done', 'total', 'error_code', 'updated_at'])
        .where('district_code', '=', key.districtCode)
        .where('id', '=', key.id)
        .where('created_by', '=', key.userId)
        .executeTakeFirst();
    },

    /**
     * Deletes the district's runs over before `finishedBefore` and those left unfinished since
     * `staleBefore` (their process stopped); the retention job calls it.
     */
    async deleteOld(districtCode: string, finishedBefore: Date, staleBefore: Date): Promise<number> {
      const result = await db
        .deleteFrom('operation_progress')
        .where('district_code', '=', districtCode)
        .where((eb) =>
          eb.or([
            eb.and([eb('state', 'in', FINAL_PROGRESS_STATES), eb('updated_at', '<', finishedBefore)]),
            eb.and([eb('state', 'not in', FINAL_PROGRESS_STATES), eb('updated_at', '<', staleBefore)]),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** All SQL about web imports' progress rows (one per reserved run, keyed like the run it becomes). */
export interface ImportProgressRow {
  id: string;
  kind: string;
  state: string;
  done: number;
  total: number | null;
  error_code: string | null;
  updated_at: Date;
}

export function createImportProgressRepository(db: Kysely<DB>) {
  return {
    async reserve(row: {
      district_code: string;
      id: string;
      kind: string;
      created_by: string;
    }): Promise<void> {
      await db
        .insertInto('import_progress')
        .values({ ...row, state: 'waiting' })
        .execute();
    },

    /** Starts the reserved run: only its reserver, only for its kind, only once. */
    async claim(districtCode: string, id: string, userId: string, kind: string): Promise<boolean> {
      const claimed = await db
        .updateTable('import_progress')
        .set({ state: 'reading', updated_at: sql`now()` })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .where('created_by', '=', userId)
        .where('kind', '=', kind)
        .where('state', '=', 'waiting')
        .executeTakeFirst();
      return claimed.numUpdatedRows > 0n;
    },

    async step(
      districtCode: string,
      id: string,
      step: { state: string; done?: number; total?: number | null; error_code?: string | null },
    ): Promise<void> {
      await db
        .updateTable('import_progress')
        .set({ ...step, updated_at: sql`now()` })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    find(districtCode: string, id: string): Promise<ImportProgressRow | undefined> {
      return db
        .selectFrom('import_progress')
        .select(['id', 'kind', 'state', 'done', 'total', 'error_code', 'updated_at'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
  };
}

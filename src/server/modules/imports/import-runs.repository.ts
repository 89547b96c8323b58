import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { onSameDistrict } from '../auth/scope.ts';

/** All SQL about web import runs: their summaries and the validation reports to download. */
export interface ImportRunRow {
  id: string;
  kind: string;
  file_name: string;
  summary: unknown;
  has_report: boolean;
  created_at: Date;
  created_by_name: string | null;
}

export function createImportRunsRepository(db: Kysely<DB>) {
  return {
    async insert(row: {
      district_code: string;
      id: string;
      kind: string;
      file_name: string;
      summary: unknown;
      report: Buffer | null;
      created_by: string;
    }): Promise<void> {
      await db
        .insertInto('import_run')
        .values({ ...row, summary: JSON.stringify(row.summary) })
        .execute();
    },

    recent(districtCode: string, limit: number): Promise<ImportRunRow[]> {
      return db
        .selectFrom('import_run as r')
        .leftJoin('app_user as u', onSameDistrict('u.id', 'r.created_by'))
        .select([
          'r.id',
          'r.kind',
          'r.file_name',
          'r.summary',
          sql<boolean>`r.report is not null`.as('has_report'),
          'r.created_at',
          'u.display_name as created_by_name',
        ])
        .where('r.district_code', '=', districtCode)
        .orderBy('r.created_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(limit)
        .execute();
    },

    async report(
      districtCode: string,
      id: string,
    ): Promise<{ file_name: string; report: Uint8Array } | null> {
      const row = await db
        .selectFrom('import_run')
        .select(['file_name', 'report'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.report ? { file_name: row.file_name, report: row.report } : null;
    },
  };
}

import { type Insertable, type Kysely, sql } from 'kysely';
import type { FindingSource, FindingState } from '../../../shared/domain/findings.ts';
import { addDays } from '../../../shared/time/china-time.ts';
import type { DB, FindingTable } from '../../db/schema.ts';
import { inSubtree } from '../auth/scope.ts';

export type StoredFinding = Awaited<ReturnType<ReturnType<typeof createFindingsRepository>['one']>> & {};

const COLUMNS = [
  'id',
  'district_code',
  'source_kind',
  'source_id',
  'subject_key',
  'subject_name',
  'region_path',
  'text',
  'due_on',
  'rectification_note',
  'rectified_on',
  'answered_by',
  'answered_by_name',
  'answered_at',
  'created_at',
] as const;

/** Whose findings a reader sees: those of places it reaches, of its departments, and its own. */
export interface FindingReader {
  districtCode: string;
  paths: readonly string[];
  subjectKeys: readonly string[];
}

/** All SQL of findings: written by their sources, answered once by their subjects. */
export function createFindingsRepository(db: Kysely<DB>) {
  return {
    async insert(rows: Insertable<FindingTable>[]): Promise<void> {
      if (rows.length === 0) return;
      await db.insertInto('finding').values(rows).execute();
    },

    /** An account's sign-in name, for the audit rows of findings written on its behalf. */
    async username(districtCode: string, userId: string): Promise<string | null> {
      const row = await db
        .selectFrom('app_user')
        .select('username')
        .where('district_code', '=', districtCode)
        .where('id', '=', userId)
        .executeTakeFirst();
      return row?.username ?? null;
    },

    /** The findings a reader sees, earliest due first, at most `limit` (+1 to tell there are more). */
    visible(
      reader: FindingReader,
      filter: { state?: FindingState; source?: FindingSource; sourceId?: string; today: string },
      limit: number,
    ) {
      let q = db
        .selectFrom('finding')
        .select(COLUMNS)
        .where('district_code', '=', reader.districtCode)
        .where((eb) =>
          eb.or([
            ...reader.paths.map((p) => inSubtree(eb, 'region_path', p)),
            ...(reader.subjectKeys.length > 0 ? [eb('subject_key', 'in', [...reader.subjectKeys])] : []),
            sql<boolean>`false`,
          ]),
        );
      if (filter.source) q = q.where('source_kind', '=', filter.source);
      if (filter.sourceId) q = q.where('source_id', '=', filter.sourceId);
      if (filter.state === 'rectified') q = q.where('answered_at', 'is not', null);
      if (filter.state === 'open') q = q.where('answered_at', 'is', null).where('due_on', '>=', filter.today);
      if (filter.state === 'overdue')
        q = q.where('answered_at', 'is', null).where('due_on', '<', filter.today);
      return q
        .orderBy('due_on')
        .orderBy('id')
        .limit(limit + 1)
        .execute();
    },

    one(districtCode: string, id: string, forUpdate = false) {
      const q = db
        .selectFrom('finding')
        .select(COLUMNS)
        .where('district_code', '=', districtCode)
        .where('id', '=', id);
      return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
    },

    /** Records the answer unless one is recorded already; false when it was. */
    async answer(
      districtCode: string,
      id: string,
      answer: { note: string; rectifiedOn: string; by: string; byName: string; at: Date },
    ): Promise<boolean> {
      const result = await db
        .updateTable('finding')
        .set({
          rectification_note: answer.note,
          rectified_on: answer.rectifiedOn,
          answered_by: answer.by,
          answered_by_name: answer.byName,
          answered_at: answer.at,
        })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .where('answered_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Findings below `path` not answered by their due day whose overdue day (the day after) falls
     * in [from, to] and has begun by `today`: the facts of `finding_overdue` points.
     */
    overdueIn(districtCode: string, path: string, from: string, to: string, today: string) {
      return db
        .selectFrom('finding')
        .select(['id', 'subject_key', 'subject_name', 'region_path', 'due_on', 'answered_at', 'source_kind'])
        .where('district_code', '=', districtCode)
        .where((eb) => inSubtree(eb, 'region_path', path))
        .where('due_on', '>=', addDays(from, -1))
        .where('due_on', '<=', addDays(to, -1))
        .where('due_on', '<', today)
        .orderBy('due_on')
        .orderBy('id')
        .execute();
    },
  };
}

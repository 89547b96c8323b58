import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { atOrAbove, inSubtree } from '../auth/scope.ts';

const COLUMNS = [
  'r.district_code',
  'r.id',
  'r.region_id',
  'r.region_path',
  'r.region_name',
  'r.region_level',
  'r.period_kind',
  'r.period_from',
  'r.period_to',
  'r.score_period_id',
  'r.title',
  'r.body',
  'r.findings',
  'r.subjects',
  'r.state',
  'r.created_by_name',
  'r.created_at',
  'r.updated_at',
  'r.published_by_name',
  'r.published_at',
] as const;

export type StoredReport = Awaited<ReturnType<ReturnType<typeof createSupervisionRepository>['one']>> & {};

export interface NewReport {
  district_code: string;
  id: string;
  region_id: string;
  region_path: string;
  region_name: string;
  region_level: string;
  period_kind: string;
  period_from: string;
  period_to: string;
  score_period_id: string | null;
  title: string;
  body: string;
  findings: unknown;
  subjects: unknown;
  created_by: string;
  created_by_name: string;
  created_at: Date;
}

/** All SQL of supervision reports, and their read-only look at the findings they published. */
export function createSupervisionRepository(db: Kysely<DB>) {
  return {
    async insert(r: NewReport): Promise<void> {
      await db
        .insertInto('supervision_report')
        .values({
          ...r,
          findings: JSON.stringify(r.findings),
          subjects: JSON.stringify(r.subjects),
          state: 'draft',
          updated_at: r.created_at,
        })
        .execute();
    },

    one(districtCode: string, id: string, forUpdate = false) {
      return db
        .selectFrom('supervision_report as r')
        .select(COLUMNS)
        .where('r.district_code', '=', districtCode)
        .where('r.id', '=', id)
        .$if(forUpdate, (q) => q.forUpdate())
        .executeTakeFirst();
    },

    /**
     * Reports of places at or below one of `paths` (a writer's), and every published one (whose
     * findings may name the reader anywhere in the district: the caller keeps those). With `at`,
     * those of that place, above it or below it. Newest period first.
     */
    list(districtCode: string, paths: readonly string[], at: string | undefined) {
      return db
        .selectFrom('supervision_report as r')
        .select(COLUMNS)
        .where('r.district_code', '=', districtCode)
        .where((eb) =>
          eb.or([eb('r.state', '=', 'published'), ...paths.map((p) => inSubtree(eb, 'r.region_path', p))]),
        )
        .$if(at !== undefined, (q) =>
          q.where((eb) =>
            eb.or([
              atOrAbove(eb, 'r.region_path', at as string),
              inSubtree(eb, 'r.region_path', at as string),
            ]),
          ),
        )
        .orderBy('r.period_from', 'desc')
        .orderBy('r.created_at', 'desc')
        .limit(500)
        .execute();
    },

    async update(
      districtCode: string,
      id: string,
      patch: { title: string; body: string; findings: unknown; updatedAt: Date },
    ): Promise<void> {
      await db
        .updateTable('supervision_report')
        .set({
          title: patch.title,
          body: patch.body,
          findings: JSON.stringify(patch.findings),
          updated_at: patch.updatedAt,
        })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    /** Marks a draft published; false when it was published already (a racing publish). */
    async publish(districtCode: string, id: string, by: string, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('supervision_report')
        .set({ state: 'published', published_by_name: by, published_at: at, updated_at: at })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .where('state', '=', 'draft')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** The findings a report published, in the order they were written (read-only). */
    findingsOf(districtCode: string, reportId: string) {
      return db
        .selectFrom('finding')
        .select([
          'id',
          'subject_key',
          'due_on',
          'rectification_note',
          'rectified_on',
          'answered_by_name',
          'answered_at',
          'created_at',
        ])
        .where('district_code', '=', districtCode)
        .where('source_kind', '=', 'supervision_report')
        .where('source_id', '=', reportId)
        .orderBy('id')
        .execute();
    },

    /** The place a department belongs to (its district or street node), by department id. */
    async departmentPaths(districtCode: string, ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('department as d')
        .innerJoin('region as g', (j) =>
          j.onRef('g.district_code', '=', 'd.district_code').onRef('g.id', '=', 'd.region_id'),
        )
        .select(['d.id', 'g.path'])
        .where('d.district_code', '=', districtCode)
        .where('d.id', 'in', [...ids])
        .execute();
      return new Map(rows.map((r) => [r.id, r.path]));
    },

    async regionPaths(districtCode: string, ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('region')
        .select(['id', 'path'])
        .where('district_code', '=', districtCode)
        .where('id', 'in', [...ids])
        .execute();
      return new Map(rows.map((r) => [r.id, r.path]));
    },
  };
}

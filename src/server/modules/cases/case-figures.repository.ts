import { type Kysely, sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../../db/schema.ts';
import { inSubtree } from '../auth/scope.ts';

/** Where a case's counters are kept: its creation day, place, category and handling unit. */
export interface FigureKey {
  day: string;
  region_id: string;
  category_key: string;
  unit_key: string;
}

export interface FigureRow extends FigureKey {
  counters: Record<string, number>;
}

const sameKey = (a: FigureKey, b: FigureKey) =>
  a.day === b.day &&
  a.region_id === b.region_id &&
  a.category_key === b.category_key &&
  a.unit_key === b.unit_key;

/** SQL for the case figures kept beside the cases (contributions, deltas, rollup). */
export function createCaseFigureRepository(db: Kysely<DB>) {
  return {
    sameKey,

    contribution(districtCode: string, caseId: string): Promise<FigureRow | undefined> {
      return db
        .selectFrom('case_figure')
        .select(['day', 'region_id', 'category_key', 'unit_key', 'counters'])
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
    },

    async saveContribution(districtCode: string, caseId: string, row: FigureRow): Promise<void> {
      const values = { ...row, counters: JSON.stringify(row.counters) };
      await db
        .insertInto('case_figure')
        .values({ district_code: districtCode, case_id: caseId, ...values })
        .onConflict((oc) => oc.columns(['district_code', 'case_id']).doUpdateSet(values))
        .execute();
    },

    async appendDeltas(districtCode: string, rows: readonly FigureRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('case_figure_delta')
        .values(
          rows.map((r) => ({
            district_code: districtCode,
            id: uuidv7(),
            ...r,
            counters: JSON.stringify(r.counters),
          })),
        )
        .execute();
    },

    /**
     * The case's facts beyond its row: its first-contact clock (the latest) and how many of its
     * clocks were marked overdue (each mark sent one reminder).
     */
    async clockFacts(districtCode: string, caseId: string) {
      const rows = await db
        .selectFrom('case_clock')
        .select(['clock', 'started_at', 'due_at', 'stopped_at', 'overdue_at'])
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .orderBy('started_at')
        .execute();
      return rows;
    },

    /**
     * Claims up to `limit` unfolded deltas of the district, oldest first, deleting them: two
     * folders never claim the same row.
     */
    async claimDeltas(districtCode: string, limit: number): Promise<FigureRow[]> {
      const rows = await db
        .deleteFrom('case_figure_delta')
        .where('district_code', '=', districtCode)
        .where(
          'id',
          'in',
          db
            .selectFrom('case_figure_delta')
            .select('id')
            .where('district_code', '=', districtCode)
            .orderBy('id')
            .limit(limit),
        )
        .returning(['day', 'region_id', 'category_key', 'unit_key', 'counters'])
        .execute();
      return rows;
    },

    /** Adds counters into their rollup rows, key by key, in the database (no read-modify-write). */
    async addToRollup(districtCode: string, rows: readonly FigureRow[]): Promise<void> {
      for (const r of rows) {
        await sql`
          insert into case_figure_rollup as t (district_code, day, region_id, category_key, unit_key, counters)
          values (${districtCode}, ${r.day}, ${r.region_id}, ${r.category_key}, ${r.unit_key}, ${JSON.stringify(r.counters)}::jsonb)
          on conflict (district_code, day, region_id, category_key, unit_key) do update set counters = (
            select coalesce(jsonb_object_agg(k, coalesce((t.counters ->> k)::numeric, 0) + coalesce((excluded.counters ->> k)::numeric, 0)), '{}'::jsonb)
              from jsonb_object_keys(t.counters || excluded.counters) as k
          )`.execute(db);
      }
    },

    districtsWithDeltas(): Promise<string[]> {
      return db
        .selectFrom('case_figure_delta')
        .select('district_code')
        .distinct()
        .execute()
        .then((rows) => rows.map((r) => r.district_code));
    },

    /**
     * The counters of the cases created on days [from, to) in the subtrees of `paths`: the rollup
     * and the deltas not yet folded, one row per stored row (the caller adds them up).
     */
    async countersIn(districtCode: string, paths: readonly string[], from: string, to: string) {
      if (paths.length === 0) return [];
      const part = (table: 'case_figure_rollup' | 'case_figure_delta') =>
        db
          // The two tables have the same columns; one query shape serves both.
          .selectFrom(`${table} as f` as 'case_figure_rollup as f')
          .innerJoin('region as g', (j) =>
            j.onRef('g.district_code', '=', 'f.district_code').onRef('g.id', '=', 'f.region_id'),
          )
          .select(['f.counters'])
          .where('f.district_code', '=', districtCode)
          .where('f.day', '>=', from)
          .where('f.day', '<', to)
          .where((eb) => eb.or(paths.map((p) => inSubtree(eb, 'g.path', p))));
      return part('case_figure_rollup').unionAll(part('case_figure_delta')).execute();
    },

    /** Every stored row of a district, rollup and unfolded deltas, for comparing with a rebuild. */
    async allRows(districtCode: string): Promise<FigureRow[]> {
      const cols = ['day', 'region_id', 'category_key', 'unit_key', 'counters'] as const;
      const rollup = await db
        .selectFrom('case_figure_rollup')
        .select(cols)
        .where('district_code', '=', districtCode)
        .execute();
      const deltas = await db
        .selectFrom('case_figure_delta')
        .select(cols)
        .where('district_code', '=', districtCode)
        .execute();
      return [...rollup, ...deltas];
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
        .select(['case_id', 'clock', 'started_at', 'due_at', 'stopped_at', 'overdue_at'])
        .where('district_code', '=', districtCode)
        .where('case_id', 'in', caseIds)
        .orderBy('started_at')
        .execute();
    },

    async clear(districtCode: string): Promise<void> {
      for (const table of ['case_figure', 'case_figure_delta', 'case_figure_rollup'] as const)
        await db.deleteFrom(table).where('district_code', '=', districtCode).execute();
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

export type CaseFigureRepository = ReturnType<typeof createCaseFigureRepository>;

import { type Kysely, sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../../db/schema.ts';
import { inSubtree } from '../auth/scope.ts';

/**
 * SQL for the figures kept beside the data (docs/ARCHITECTURE.md "Figures"): for each kind, an
 * append-only delta table and a rollup table of the same shape, keyed by district, Beijing day,
 * place (region id), category and unit. Writers append deltas (no row another writer waits on);
 * a job folds them into the rollup; reads add the rollup and the unfolded tail.
 */
export type FigureKind = 'case' | 'visit';

/** Where counters are kept: a day, a place, a category ('' for none) and a unit ('' for none). */
export interface FigureKey {
  day: string;
  region_id: string;
  category_key: string;
  unit_key: string;
}

export interface FigureRow extends FigureKey {
  counters: Record<string, number>;
}

const TABLES = {
  case: { delta: 'case_figure_delta', rollup: 'case_figure_rollup' },
  visit: { delta: 'visit_figure_delta', rollup: 'visit_figure_rollup' },
} as const;

/** What stored counters can be grouped by (`countersGroupedIn`). */
export type FigureGrouping = 'day' | 'place' | 'category' | 'unit';

const GROUP_COLUMNS: Record<FigureGrouping, string> = {
  day: 'f.day',
  place: 'g.path',
  category: 'f.category_key',
  unit: 'f.unit_key',
};

const KEY_COLUMNS = ['day', 'region_id', 'category_key', 'unit_key', 'counters'] as const;

export function sameFigureKey(a: FigureKey, b: FigureKey): boolean {
  return (
    a.day === b.day &&
    a.region_id === b.region_id &&
    a.category_key === b.category_key &&
    a.unit_key === b.unit_key
  );
}

export function createRollupRepository(db: Kysely<DB>, kind: FigureKind) {
  // The two kinds' tables have the same columns; one query shape serves both.
  const delta = TABLES[kind].delta as 'case_figure_delta';
  const rollup = TABLES[kind].rollup as 'case_figure_rollup';
  return {
    async appendDeltas(districtCode: string, rows: readonly FigureRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto(delta)
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

    districtsWithDeltas(): Promise<string[]> {
      return db
        .selectFrom(delta)
        .select('district_code')
        .distinct()
        .execute()
        .then((rows) => rows.map((r) => r.district_code));
    },

    /** Claims up to `limit` deltas of the district, oldest first, by deleting them: never twice. */
    claimDeltas(districtCode: string, limit: number): Promise<FigureRow[]> {
      return db
        .deleteFrom(delta)
        .where('district_code', '=', districtCode)
        .where(
          'id',
          'in',
          db
            .selectFrom(delta)
            .select('id')
            .where('district_code', '=', districtCode)
            .orderBy('id')
            .limit(limit),
        )
        .returning(KEY_COLUMNS)
        .execute();
    },

    /** Adds counters into their rollup rows key by key, in the database (no read-modify-write). */
    async addToRollup(districtCode: string, rows: readonly FigureRow[]): Promise<void> {
      for (const r of rows) {
        await sql`
          insert into ${sql.table(rollup)} as t (district_code, day, region_id, category_key, unit_key, counters)
          values (${districtCode}, ${r.day}, ${r.region_id}, ${r.category_key}, ${r.unit_key}, ${JSON.stringify(r.counters)}::jsonb)
          on conflict (district_code, day, region_id, category_key, unit_key) do update set counters = (
            select coalesce(jsonb_object_agg(k, coalesce((t.counters ->> k)::numeric, 0) + coalesce((excluded.counters ->> k)::numeric, 0)), '{}'::jsonb)
              from jsonb_object_keys(t.counters || excluded.counters) as k
          )`.execute(db);
      }
    },

    /**
     * The stored counters of days [from, to) in the subtrees of `paths`: the rollup and the
     * unfolded deltas, one row per stored row (the caller adds them up).
     */
    async countersIn(districtCode: string, paths: readonly string[], from: string, to: string) {
      if (paths.length === 0) return [];
      const part = (table: 'case_figure_rollup' | 'case_figure_delta') =>
        db
          .selectFrom(`${table} as f` as 'case_figure_rollup as f')
          .innerJoin('region as g', (j) =>
            j.onRef('g.district_code', '=', 'f.district_code').onRef('g.id', '=', 'f.region_id'),
          )
          .select(['f.counters'])
          .where('f.district_code', '=', districtCode)
          .where('f.day', '>=', from)
          .where('f.day', '<', to)
          .where((eb) => eb.or(paths.map((p) => inSubtree(eb, 'g.path', p))));
      return part(rollup).unionAll(part(delta)).execute();
    },

    /**
     * As `countersIn`, each row with the value it is grouped by: its day, its place's path (the
     * place as it stands now, so a moved grid takes its history along), its category or its unit.
     */
    async countersGroupedIn(
      districtCode: string,
      paths: readonly string[],
      from: string,
      to: string,
      by: FigureGrouping,
    ): Promise<{ group: string; counters: Record<string, number> }[]> {
      if (paths.length === 0) return [];
      const column = GROUP_COLUMNS[by];
      const part = (table: 'case_figure_rollup' | 'case_figure_delta') =>
        db
          .selectFrom(`${table} as f` as 'case_figure_rollup as f')
          .innerJoin('region as g', (j) =>
            j.onRef('g.district_code', '=', 'f.district_code').onRef('g.id', '=', 'f.region_id'),
          )
          .select([sql<string>`${sql.ref(column)}`.as('group'), 'f.counters'])
          .where('f.district_code', '=', districtCode)
          .where('f.day', '>=', from)
          .where('f.day', '<', to)
          .where((eb) => eb.or(paths.map((p) => inSubtree(eb, 'g.path', p))));
      return part(rollup).unionAll(part(delta)).execute();
    },

    /** Every stored row of a district, rollup and unfolded deltas (to compare with a rebuild). */
    async allRows(districtCode: string): Promise<FigureRow[]> {
      const kept = await db
        .selectFrom(rollup)
        .select(KEY_COLUMNS)
        .where('district_code', '=', districtCode)
        .execute();
      const tail = await db
        .selectFrom(delta)
        .select(KEY_COLUMNS)
        .where('district_code', '=', districtCode)
        .execute();
      return [...kept, ...tail];
    },

    async clear(districtCode: string): Promise<void> {
      await db.deleteFrom(delta).where('district_code', '=', districtCode).execute();
      await db.deleteFrom(rollup).where('district_code', '=', districtCode).execute();
    },
  };
}

export type RollupRepository = ReturnType<typeof createRollupRepository>;

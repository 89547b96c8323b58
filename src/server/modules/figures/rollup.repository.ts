import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { ancestors } from '../../../shared/auth/reach.ts';
import type { DB } from '../../db/schema.ts';
import { type WriteBatch, writeOrHold } from '../../db/write-batch.ts';
import { inSubtree } from '../auth/scope.ts';

/**
 * SQL for the figures kept beside the data (docs/ARCHITECTURE.md "Figures"): for each kind, an
 * append-only delta table and a rollup table of the same shape, keyed by district, Beijing day,
 * place (region id), category and unit. Writers append deltas (no row another writer waits on);
 * a job folds them into the rollup; reads add the rollup and the unfolded tail.
 */
export type FigureKind = 'case' | 'visit' | 'coverage';

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

/** Counters summed for a place (at any level, its whole subtree) and a day. */
export interface TotalRow {
  region_id: string;
  day: string;
  counters: Record<string, number>;
}

const TABLES = {
  case: { delta: 'case_figure_delta', rollup: 'case_figure_rollup', total: 'case_figure_total' },
  visit: { delta: 'visit_figure_delta', rollup: 'visit_figure_rollup', total: 'visit_figure_total' },
  coverage: {
    delta: 'coverage_figure_delta',
    rollup: 'coverage_figure_rollup',
    total: 'coverage_figure_total',
  },
} as const;

/** Rows per upsert statement: seven parameters a row stays far below PostgreSQL's 65,535. */
const UPSERT_CHUNK = 1_000;

/**
 * Adds counters into rows by key, in the database (no read-modify-write), dropping counters that
 * come to zero: one statement per chunk of rows, whose keys must be distinct within the call
 * (callers sum by key first).
 */
async function upsertAdding(
  db: Kysely<DB>,
  table: string,
  keyColumns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const columns = sql.join([...keyColumns, 'counters'].map((c) => sql.ref(c)));
  const keys = sql.join(keyColumns.map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
    const values = sql.join(
      rows.slice(i, i + UPSERT_CHUNK).map((r) => {
        const counters = r.at(-1);
        return sql`(${sql.join(r.slice(0, -1))}, ${JSON.stringify(counters)}::jsonb)`;
      }),
    );
    await sql`
      insert into ${sql.table(table)} as t (${columns}) values ${values}
      on conflict (${keys}) do update set counters = jsonb_add_counters(t.counters, excluded.counters)`.execute(
      db,
    );
  }
}

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
  const total = TABLES[kind].total as 'case_figure_total';
  /**
   * The rows of one of the kind's tables for days [from, to), each joined to its place as it
   * stands now (so a moved grid takes its history along); `where` narrows the places.
   */
  const placedIn = (
    table: 'case_figure_rollup' | 'case_figure_delta' | 'case_figure_total',
    districtCode: string,
    from: string,
    to: string,
  ) =>
    db
      .selectFrom(`${table} as f` as 'case_figure_rollup as f')
      .innerJoin('region as g', (j) =>
        j.onRef('g.district_code', '=', 'f.district_code').onRef('g.id', '=', 'f.region_id'),
      )
      .where('f.district_code', '=', districtCode)
      .where('f.day', '>=', from)
      .where('f.day', '<', to);
  /** The joined place `g` lies in one of the subtrees of `paths`. */
  const inPaths = (paths: readonly string[]) => (eb: ExpressionBuilder<DB & { g: DB['region'] }, 'g'>) =>
    eb.or(paths.map((p) => inSubtree(eb, 'g.path', p)));

  return {
    async appendDeltas(districtCode: string, rows: readonly FigureRow[], batch?: WriteBatch): Promise<void> {
      if (rows.length === 0) return;
      await writeOrHold(
        batch,
        db.insertInto(delta).values(
          rows.map((r) => ({
            district_code: districtCode,
            id: uuidv7(),
            ...r,
            counters: JSON.stringify(r.counters),
          })),
        ),
      );
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

    /** Adds counters into their rollup rows key by key (keys distinct within the call). */
    addToRollup(districtCode: string, rows: readonly FigureRow[]): Promise<void> {
      return upsertAdding(
        db,
        rollup,
        ['district_code', 'day', 'region_id', 'category_key', 'unit_key'],
        rows.map((r) => [districtCode, r.day, r.region_id, r.category_key, r.unit_key, r.counters]),
      );
    },

    /** Adds counters into the per-place totals (keys distinct within the call). */
    addToTotals(districtCode: string, rows: readonly TotalRow[]): Promise<void> {
      return upsertAdding(
        db,
        total,
        ['district_code', 'region_id', 'day'],
        rows.map((r) => [districtCode, r.region_id, r.day, r.counters]),
      );
    },

    /** Every day's totals of one place (what a move shifts from its old ancestors to the new). */
    totalsOf(districtCode: string, regionId: string): Promise<TotalRow[]> {
      return db
        .selectFrom(total)
        .select(['region_id', 'day', 'counters'])
        .where('district_code', '=', districtCode)
        .where('region_id', '=', regionId)
        .execute();
    },

    /** Every stored total of a district (to compare with a rebuild). */
    allTotals(districtCode: string): Promise<TotalRow[]> {
      return db
        .selectFrom(total)
        .select(['region_id', 'day', 'counters'])
        .where('district_code', '=', districtCode)
        .execute();
    },

    /**
     * The totals of days [from, to) of the places at `paths` (which must not nest: pass the
     * outermost) and the unfolded deltas below them, one row per stored row with its day.
     */
    totalsIn(districtCode: string, paths: readonly string[], from: string, to: string) {
      if (paths.length === 0) return Promise.resolve([]);
      const day = sql<string>`f.day::text`.as('day');
      const kept = placedIn(total, districtCode, from, to)
        .select([day, 'f.counters'])
        .where('g.path', 'in', paths);
      const tail = placedIn(delta, districtCode, from, to).select([day, 'f.counters']).where(inPaths(paths));
      return kept.unionAll(tail).execute();
    },

    /**
     * Every district's totals of days [from, to) at its root (its whole territory) and every
     * unfolded delta of those days, one row per stored row with its district: the province's
     * figures, which the caller adds up per district. On Citus one statement on every worker.
     */
    districtTotals(from: string, to: string) {
      const kept = db
        .selectFrom(`${total} as f` as 'case_figure_total as f')
        .innerJoin('region as g', (j) =>
          j.onRef('g.district_code', '=', 'f.district_code').onRef('g.id', '=', 'f.region_id'),
        )
        .where('g.level', '=', 'district')
        .where('f.day', '>=', from)
        .where('f.day', '<', to)
        .select(['f.district_code', 'f.counters']);
      const tail = db
        .selectFrom(`${delta} as f` as 'case_figure_delta as f')
        .where('f.day', '>=', from)
        .where('f.day', '<', to)
        .select(['f.district_code', 'f.counters']);
      return kept.unionAll(tail).execute();
    },

    /**
     * The keyed rollup and unfolded deltas of days [from, to) in the subtrees of `paths`, one row
     * per stored row with the value it is grouped by: its day, its place's path as it stands, its
     * category or its unit (the caller adds them up).
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
        placedIn(table, districtCode, from, to)
          .select([sql<string>`${sql.ref(column)}`.as('group'), 'f.counters'])
          .where(inPaths(paths));
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
      await db.deleteFrom(total).where('district_code', '=', districtCode).execute();
    },
  };
}

export type RollupRepository = ReturnType<typeof createRollupRepository>;

/**
 * Each place's id with the ids of it and every place above it, as they stand, for the places
 * named. `lock` takes a share lock on the named places' rows: a move (which updates them) then
 * waits for the fold that read their ancestors, and a fold waits for a move in progress.
 */
export async function placeChains(
  db: Kysely<DB>,
  districtCode: string,
  regionIds: readonly string[],
  lock: boolean,
): Promise<Map<string, string[]>> {
  if (regionIds.length === 0) return new Map();
  let q = db
    .selectFrom('region')
    .select(['id', 'path'])
    .where('district_code', '=', districtCode)
    .where('id', 'in', [...new Set(regionIds)]);
  if (lock) q = q.forShare();
  const places = await q.execute();
  const above = [...new Set(places.flatMap((p) => ancestors(p.path)))];
  const ids = new Map(
    (
      await db
        .selectFrom('region')
        .select(['id', 'path'])
        .where('district_code', '=', districtCode)
        .where('path', 'in', above)
        .execute()
    ).map((r) => [r.path, r.id]),
  );
  return new Map(
    places.map((p) => [p.id, ancestors(p.path).flatMap((a) => (ids.has(a) ? [ids.get(a) as string] : []))]),
  );
}

import { type Kysely, sql } from 'kysely';

/**
 * Visit figures kept beside the visits, as the case figures are (20261205T1500_case_figures):
 * recording a visit appends what it adds to the counters of its Beijing start day (a delta row,
 * ids uuidv7); the figures job folds deltas into `visit_figure_rollup`, keyed by day, place (region
 * id, so a moved grid keeps its history), category ('' for visits) and unit — the recording
 * worker (`u:<user id>`), for figures per worker. Visits do not change once recorded, so no
 * per-visit contribution is kept; a rebuild recomputes from the visits.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['visit_figure_delta', 'visit_figure_rollup'] as const) {
    let create = db.schema
      .createTable(table)
      .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
      .addColumn('day', 'date', (c) => c.notNull())
      .addColumn('region_id', 'uuid', (c) => c.notNull())
      .addColumn('category_key', 'varchar(36)', (c) => c.notNull())
      .addColumn('unit_key', 'varchar(40)', (c) => c.notNull())
      .addColumn('counters', 'jsonb', (c) => c.notNull());
    create =
      table === 'visit_figure_delta'
        ? create
            .addColumn('id', 'uuid', (c) => c.notNull())
            .addPrimaryKeyConstraint('visit_figure_delta_pk', ['district_code', 'id'])
        : create.addPrimaryKeyConstraint('visit_figure_rollup_pk', [
            'district_code',
            'day',
            'region_id',
            'category_key',
            'unit_key',
          ]);
    await create.execute();
  }
  await sql`create index visit_figure_delta_day_idx on visit_figure_delta (district_code, day)`.execute(db);
  await sql`create index visit_figure_rollup_region_idx on visit_figure_rollup (district_code, region_id, day)`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

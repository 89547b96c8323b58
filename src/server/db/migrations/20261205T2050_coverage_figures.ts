import { type Kysely, sql } from 'kysely';

/**
 * Coverage kept as counters, a third kind of figures beside cases and visits
 * (shared/figures/coverage-figures.ts): a target's first visit of each week, month, quarter and
 * year adds one on that visit's day and place, so "households covered" in such a period is a sum
 * over its days from the per-place totals instead of a pass over every household and the diary.
 * The same three tables as the other kinds (deltas, keyed rollup, per-place totals); the category
 * and unit are always ''. The households and enterprises in scope are still counted live: two
 * partial indexes let that count read only an index, and only the subtree's range of it
 * (text_pattern_ops: a path prefix is a range whatever the database's collation).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['coverage_figure_delta', 'coverage_figure_rollup'] as const) {
    let create = db.schema
      .createTable(table)
      .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
      .addColumn('day', 'date', (c) => c.notNull())
      .addColumn('region_id', 'uuid', (c) => c.notNull())
      .addColumn('category_key', 'varchar(36)', (c) => c.notNull())
      .addColumn('unit_key', 'varchar(40)', (c) => c.notNull())
      .addColumn('counters', 'jsonb', (c) => c.notNull());
    create =
      table === 'coverage_figure_delta'
        ? create
            .addColumn('id', 'uuid', (c) => c.notNull())
            .addPrimaryKeyConstraint('coverage_figure_delta_pk', ['district_code', 'id'])
        : create.addPrimaryKeyConstraint('coverage_figure_rollup_pk', [
            'district_code',
            'day',
            'region_id',
            'category_key',
            'unit_key',
          ]);
    await create.execute();
  }
  await sql`create index coverage_figure_delta_day_idx on coverage_figure_delta (district_code, day)`.execute(
    db,
  );
  await db.schema
    .createTable('coverage_figure_total')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('counters', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('coverage_figure_total_pk', ['district_code', 'region_id', 'day'])
    .execute();
  await sql`create index household_live_path_idx on household (district_code, region_path text_pattern_ops) where removed_at is null`.execute(
    db,
  );
  await sql`create index enterprise_live_path_idx on enterprise (district_code, region_path text_pattern_ops) where removed_at is null`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

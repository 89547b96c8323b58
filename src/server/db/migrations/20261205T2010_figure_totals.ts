import type { Kysely } from 'kysely';

/**
 * Totals of the kept figures per place at every level and Beijing day: for each case and visit
 * rollup row, its counters are also added into the row of its place and of every place above it
 * (grid, community, street, district). A headline read for a place and period is then one row per
 * day however many grids, units and categories lie below, so it does not grow with the data.
 * Written only by the fold (and a rebuild), which reads each place's ancestors as they stand;
 * moving a grid shifts its totals from the old ancestors to the new ones in the move's transaction.
 * Every read names the place and a range of days: the primary key is the only index needed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['case_figure_total', 'visit_figure_total'] as const) {
    await db.schema
      .createTable(table)
      .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
      .addColumn('region_id', 'uuid', (c) => c.notNull())
      .addColumn('day', 'date', (c) => c.notNull())
      .addColumn('counters', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['district_code', 'region_id', 'day'])
      .execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

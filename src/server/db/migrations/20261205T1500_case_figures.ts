import { type Kysely, sql } from 'kysely';

/**
 * Case figures kept beside the cases (issue 12 §2, docs/ARCHITECTURE.md "Figures"). Every change
 * of a case records what the case now adds to the counters of its creation day
 * (`case_figure`, one row a case) and appends the difference as a delta row (`case_figure_delta`):
 * appending takes no lock another writer waits for. A background job folds deltas into
 * `case_figure_rollup`, one row per day, place, category and unit; reads add the rollup and the
 * unfolded deltas. Places are kept by region id, not path, so moving a grid moves its history.
 * Counters are JSON objects of the keys in shared/figures/case-figures.ts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_figure')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('category_key', 'varchar(36)', (c) => c.notNull())
    .addColumn('unit_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('counters', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_figure_pk', ['district_code', 'case_id'])
    .execute();
  await db.schema
    .createTable('case_figure_delta')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('category_key', 'varchar(36)', (c) => c.notNull())
    .addColumn('unit_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('counters', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_figure_delta_pk', ['district_code', 'id'])
    .execute();
  await db.schema
    .createTable('case_figure_rollup')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('category_key', 'varchar(36)', (c) => c.notNull())
    .addColumn('unit_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('counters', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_figure_rollup_pk', [
      'district_code',
      'day',
      'region_id',
      'category_key',
      'unit_key',
    ])
    .execute();
  // Reads ask for a period of a district and join the places.
  await sql`create index case_figure_delta_day_idx on case_figure_delta (district_code, day)`.execute(db);
  await sql`create index case_figure_rollup_region_idx on case_figure_rollup (district_code, region_id, day)`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

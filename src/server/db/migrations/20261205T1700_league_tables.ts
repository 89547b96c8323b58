import { type Kysely, sql } from 'kysely';

/**
 * Published 数据晾晒 league tables (issue 12 §5). A table is frozen when published: its rows (the
 * figures, ranks and rank changes as they stood) are stored as JSON, so later changes to cases
 * and visits leave it as it was. One table per place, period and kind of subject.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('league_table')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    // The place's path when published: who may read the table (its place and everything below).
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('region_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('subjects', 'varchar(16)', (c) => c.notNull())
    .addColumn('period_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('period_from', 'varchar(10)', (c) => c.notNull())
    .addColumn('period_to', 'varchar(10)', (c) => c.notNull())
    .addColumn('table_data', 'jsonb', (c) => c.notNull())
    .addColumn('published_by', 'uuid', (c) => c.notNull())
    .addColumn('published_by_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('league_table_pk', ['district_code', 'id'])
    .addUniqueConstraint('league_table_once', [
      'district_code',
      'region_id',
      'period_kind',
      'period_from',
      'subjects',
    ])
    .addForeignKeyConstraint('league_table_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('league_table_user_fk', ['district_code', 'published_by'], 'app_user', [
      'district_code',
      'id',
    ])
    .execute();
  await sql`create index league_table_published_idx on league_table (district_code, published_at)`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

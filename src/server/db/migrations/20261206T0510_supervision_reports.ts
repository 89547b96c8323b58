import type { Kysely } from 'kysely';

/**
 * Supervision reports (两督, issue 14 §2): a supervisor's periodic report on a street or district
 * for an assessment period, drafted from the period's points and edited before it is published.
 * The findings live in the report as a document (jsonb) while it is a draft; publishing hands one
 * finding per unit to the shared `finding` table, where units answer them (整改). `subjects` keeps
 * the place's scorable units as drafted, so a finding added later names one of them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('supervision_report')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('region_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('region_level', 'varchar(16)', (c) => c.notNull())
    .addColumn('period_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('score_period_id', 'uuid')
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('findings', 'jsonb', (c) => c.notNull())
    .addColumn('subjects', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_by_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published_by_name', 'varchar(100)')
    .addColumn('published_at', 'timestamptz')
    .addPrimaryKeyConstraint('supervision_report_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('supervision_report_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('supervision_report_user_fk', ['district_code', 'created_by'], 'app_user', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('supervision_report_place_idx')
    .on('supervision_report')
    .columns(['district_code', 'region_path', 'period_from'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

import { type Kysely, sql } from 'kysely';

/**
 * Campaigns (issue 12 §6): a named period of Beijing days and a place, e.g. "民情双访 2026 秋季" in
 * one street, whose report is read from the kept figures; and the cases a leader marks as its
 * examples (典型案例), each with a short note.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('campaign')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    // The place by id only: its path is read as it stands now, so a moved place takes its campaigns along.
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('from_day', 'date', (c) => c.notNull())
    .addColumn('to_day', 'date', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('campaign_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('campaign_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('campaign_creator_fk', ['district_code', 'created_by'], 'app_user', [
      'district_code',
      'id',
    ])
    .addCheckConstraint('campaign_period_ck', sql`from_day <= to_day`)
    .execute();
  // A place's campaigns (the list joins each campaign's place for scope).
  await db.schema
    .createIndex('campaign_region_idx')
    .on('campaign')
    .columns(['district_code', 'region_id', 'from_day'])
    .execute();

  await db.schema
    .createTable('campaign_example')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('note', 'varchar(200)')
    .addColumn('marked_by', 'uuid', (c) => c.notNull())
    .addColumn('marked_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_example_pk', ['district_code', 'campaign_id', 'case_id'])
    .addForeignKeyConstraint('campaign_example_campaign_fk', ['district_code', 'campaign_id'], 'campaign', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('campaign_example_case_fk', ['district_code', 'case_id'], 'case_record', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('campaign_example_marker_fk', ['district_code', 'marked_by'], 'app_user', [
      'district_code',
      'id',
    ])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

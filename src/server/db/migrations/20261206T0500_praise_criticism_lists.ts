import type { Kysely } from 'kysely';

/**
 * Findings and their rectification (整改), and the quarterly praise and criticism lists (表扬单 /
 * 批评单) of issue 14 §2–§3. A finding names one scored subject (a community, a unit, a cadre) and
 * is answered once by it; it comes from a published criticism list or a supervision report, named
 * by `source_kind` and `source_id` (no foreign key: the sources live in different tables). A list
 * is proposed from one closed score period (its revision is kept, so a reopened period's list shows
 * as stale), edited while a draft and published on approval.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('finding')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('source_kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('source_id', 'uuid', (c) => c.notNull())
    .addColumn('subject_key', 'varchar(80)', (c) => c.notNull())
    .addColumn('subject_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('text', 'varchar(1000)', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('rectification_note', 'varchar(1000)')
    .addColumn('rectified_on', 'date')
    .addColumn('answered_by', 'uuid')
    .addColumn('answered_by_name', 'varchar(100)')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('finding_pk', ['district_code', 'id'])
    .execute();
  await db.schema
    .createIndex('finding_source_idx')
    .on('finding')
    .columns(['district_code', 'source_kind', 'source_id'])
    .execute();
  await db.schema
    .createIndex('finding_region_idx')
    .on('finding')
    .columns(['district_code', 'region_path'])
    .execute();
  await db.schema.createIndex('finding_due_idx').on('finding').columns(['district_code', 'due_on']).execute();

  await db.schema
    .createTable('score_list')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('period_id', 'uuid', (c) => c.notNull())
    .addColumn('period_revision', 'integer', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('region_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('period_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('due_on', 'date')
    .addColumn('proposed_by', 'uuid', (c) => c.notNull())
    .addColumn('proposed_by_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('approved_by', 'uuid')
    .addColumn('approved_by_name', 'varchar(100)')
    .addColumn('approved_at', 'timestamptz')
    .addPrimaryKeyConstraint('score_list_pk', ['district_code', 'id'])
    .addUniqueConstraint('score_list_period_uq', ['district_code', 'period_id', 'kind'])
    .addForeignKeyConstraint('score_list_period_fk', ['district_code', 'period_id'], 'score_period', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('score_list_region_idx')
    .on('score_list')
    .columns(['district_code', 'region_path', 'period_from'])
    .execute();

  await db.schema
    .createTable('score_list_entry')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('list_id', 'uuid', (c) => c.notNull())
    .addColumn('subject_key', 'varchar(80)', (c) => c.notNull())
    .addColumn('subject_kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('subject_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('subject_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('score_cp', 'integer', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('text', 'varchar(1000)', (c) => c.notNull())
    .addColumn('finding_id', 'uuid')
    .addPrimaryKeyConstraint('score_list_entry_pk', ['district_code', 'list_id', 'subject_key'])
    .addForeignKeyConstraint('score_list_entry_list_fk', ['district_code', 'list_id'], 'score_list', [
      'district_code',
      'id',
    ])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

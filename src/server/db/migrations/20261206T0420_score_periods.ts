import type { Kysely } from 'kysely';

/**
 * Closed score periods (issue 14 §1): a leader closes a district's or street's period and its
 * score rows and points are stored as they were, so later events change nothing published. A
 * reopened period keeps its snapshot (state 'reopened'); closing again writes the next revision.
 * No foreign key to case_record: a case anonymised later must not touch a frozen point.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('score_period')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('region_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('region_level', 'varchar(16)', (c) => c.notNull())
    .addColumn('period_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('rule_version', 'jsonb')
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('digest', 'varchar(64)', (c) => c.notNull())
    .addColumn('closed_by', 'uuid', (c) => c.notNull())
    .addColumn('closed_by_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reopened_by_name', 'varchar(100)')
    .addColumn('reopened_at', 'timestamptz')
    .addColumn('reopen_reason', 'varchar(500)')
    .addPrimaryKeyConstraint('score_period_pk', ['district_code', 'id'])
    .addUniqueConstraint('score_period_revision_uq', [
      'district_code',
      'region_id',
      'period_kind',
      'period_from',
      'revision',
    ])
    .addForeignKeyConstraint('score_period_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('score_row')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('period_id', 'uuid', (c) => c.notNull())
    .addColumn('subject_key', 'varchar(80)', (c) => c.notNull())
    .addColumn('subject_kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('subject_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('subject_path', 'varchar(200)')
    .addColumn('peer_group', 'varchar(32)', (c) => c.notNull())
    .addColumn('peer_group_name', 'varchar(40)')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('score_cp', 'integer', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('group_size', 'integer', (c) => c.notNull())
    .addColumn('list', 'varchar(8)')
    .addPrimaryKeyConstraint('score_row_pk', ['district_code', 'period_id', 'subject_key'])
    .addForeignKeyConstraint('score_row_period_fk', ['district_code', 'period_id'], 'score_period', [
      'district_code',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('score_point')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('period_id', 'uuid', (c) => c.notNull())
    .addColumn('subject_key', 'varchar(80)', (c) => c.notNull())
    .addColumn('point_key', 'varchar(120)', (c) => c.notNull())
    .addColumn('item', 'varchar(40)', (c) => c.notNull())
    .addColumn('cp', 'integer', (c) => c.notNull())
    .addColumn('earned_on', 'date', (c) => c.notNull())
    .addColumn('earned_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('source', 'jsonb', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('score_point_pk', ['district_code', 'period_id', 'subject_key', 'point_key'])
    .addForeignKeyConstraint(
      'score_point_row_fk',
      ['district_code', 'period_id', 'subject_key'],
      'score_row',
      ['district_code', 'period_id', 'subject_key'],
    )
    .execute();
  await db.schema
    .createIndex('score_point_page_idx')
    .on('score_point')
    .columns(['district_code', 'period_id', 'subject_key', 'earned_at', 'point_key'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

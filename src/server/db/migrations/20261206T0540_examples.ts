import type { Kysely } from 'kysely';

/**
 * Examples (优秀案例, issue 14 §6): a closed case or a visit proposed as an example, written up with
 * a title, a story and photos chosen from its own attachments, published by a leader to the public
 * examples page and the campaign report, withdrawn by a leader. One write-up per case or visit.
 * No foreign key to the case or visit (the subject is either): the use cases check it exists.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('example')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('subject_kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    .addColumn('subject_day', 'date', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('story', 'varchar(4000)', (c) => c.notNull())
    .addColumn('photos', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('place_name', 'varchar(100)')
    .addColumn('unit_name', 'varchar(100)')
    .addColumn('proposed_by', 'uuid', (c) => c.notNull())
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published_by', 'uuid')
    .addColumn('published_at', 'timestamptz')
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdraw_reason', 'varchar(500)')
    .addPrimaryKeyConstraint('example_pk', ['district_code', 'id'])
    .addUniqueConstraint('example_subject_uq', ['district_code', 'subject_kind', 'subject_id'])
    .addForeignKeyConstraint('example_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('example_proposer_fk', ['district_code', 'proposed_by'], 'app_user', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('example_state_idx')
    .on('example')
    .columns(['district_code', 'state', 'region_path'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

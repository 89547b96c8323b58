import type { Kysely } from 'kysely';

/**
 * Mutual evaluation (两评, issue 14 §4): a leader opens a round of one kind for a place and a
 * period with its form (the criteria); one rating per rater unit (a community or a department)
 * and subject; closing freezes each subject's result. Ratings carry the rater unit, never a
 * foreign key to the subject: a subject is a cadre ('u:') or a community, and a result must
 * stay as it was closed whatever happens to the account or the node later.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evaluation_round')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('region_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('title', 'varchar(60)', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('criteria', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'varchar(8)', (c) => c.notNull())
    .addColumn('opened_by', 'uuid', (c) => c.notNull())
    .addColumn('opened_by_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_by_name', 'varchar(100)')
    .addColumn('closed_at', 'timestamptz')
    .addPrimaryKeyConstraint('evaluation_round_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('evaluation_round_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('evaluation_round_region_idx')
    .on('evaluation_round')
    .columns(['district_code', 'region_path', 'opened_at'])
    .execute();

  await db.schema
    .createTable('evaluation_rating')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('round_id', 'uuid', (c) => c.notNull())
    .addColumn('rater_unit', 'varchar(80)', (c) => c.notNull())
    .addColumn('rater_unit_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('subject_key', 'varchar(80)', (c) => c.notNull())
    .addColumn('subject_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('scores', 'jsonb', (c) => c.notNull())
    .addColumn('comment', 'varchar(500)')
    .addColumn('rated_by', 'uuid', (c) => c.notNull())
    .addColumn('rated_by_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('rated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_rating_pk', [
      'district_code',
      'round_id',
      'rater_unit',
      'subject_key',
    ])
    .addForeignKeyConstraint(
      'evaluation_rating_round_fk',
      ['district_code', 'round_id'],
      'evaluation_round',
      ['district_code', 'id'],
    )
    .execute();

  await db.schema
    .createTable('evaluation_result')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('round_id', 'uuid', (c) => c.notNull())
    .addColumn('subject_key', 'varchar(80)', (c) => c.notNull())
    .addColumn('subject_kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('subject_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('ratings', 'integer', (c) => c.notNull())
    .addColumn('overall_mean', 'double precision', (c) => c.notNull())
    .addColumn('means', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_result_pk', ['district_code', 'round_id', 'subject_key'])
    .addForeignKeyConstraint(
      'evaluation_result_round_fk',
      ['district_code', 'round_id'],
      'evaluation_round',
      ['district_code', 'id'],
    )
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

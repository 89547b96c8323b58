import type { Kysely } from 'kysely';

/**
 * Resident satisfaction surveys (民意测评, issue 14 §5): a leader's survey of the households of a
 * community or street with a short question set, answered once per household (the primary key of
 * `survey_answer`) by phone, on a visit or on the public page with the household's invitation code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('survey')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('questions', 'jsonb', (c) => c.notNull())
    .addColumn('from_day', 'date', (c) => c.notNull())
    .addColumn('to_day', 'date', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('survey_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('survey_creator_fk', ['district_code', 'created_by'], 'app_user', [
      'district_code',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('survey_answer')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('survey_id', 'uuid', (c) => c.notNull())
    .addColumn('household_id', 'uuid', (c) => c.notNull())
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('channel', 'varchar(8)', (c) => c.notNull())
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('recorded_by', 'uuid')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_answer_pk', ['district_code', 'survey_id', 'household_id'])
    .addForeignKeyConstraint('survey_answer_survey_fk', ['district_code', 'survey_id'], 'survey', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('survey_answer_household_fk', ['district_code', 'household_id'], 'household', [
      'district_code',
      'id',
    ])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

import type { Kysely } from 'kysely';

/**
 * Opinions and suggestions (意见建议, issue 11 §6) heard on a visit or at a forum: counted apart
 * from the problems a visit raises (those are cases), listed and exported, and promoted to a case
 * only when one needs handling (`promoted_case_id`, set once).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('opinion')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('visit_id', 'uuid', (c) => c.notNull())
    // Where the visit's target lies (the visit's own region path), for scope and region filters.
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('category_id', 'uuid')
    .addColumn('recorded_by', 'uuid', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('promoted_case_id', 'uuid')
    .addPrimaryKeyConstraint('opinion_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('opinion_visit_fk', ['district_code', 'visit_id'], 'visit', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('opinion_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('opinion_category_fk', ['district_code', 'category_id'], 'case_category', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('opinion_recorder_fk', ['district_code', 'recorded_by'], 'app_user', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('opinion_case_fk', ['district_code', 'promoted_case_id'], 'case_record', [
      'district_code',
      'id',
    ])
    .execute();
  // The list and the export: newest first within a region's subtree.
  await db.schema
    .createIndex('opinion_path_idx')
    .on('opinion')
    .columns(['district_code', 'region_path', 'recorded_at'])
    .execute();
  await db.schema
    .createIndex('opinion_recorded_idx')
    .on('opinion')
    .columns(['district_code', 'recorded_at', 'id'])
    .execute();
  await db.schema
    .createIndex('opinion_visit_idx')
    .on('opinion')
    .columns(['district_code', 'visit_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

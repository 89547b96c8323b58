import type { Kysely } from 'kysely';

/**
 * A household's and an enterprise's cases (issue 13 §4: their pages list them, the case queue
 * filters by them): two partial indexes, so that read finds a target's few cases directly instead
 * of passing over every case of the caller's area. Most cases name neither, hence partial.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('case_record_household_idx')
    .on('case_record')
    .columns(['district_code', 'household_id', 'created_at'])
    .where('household_id', 'is not', null)
    .execute();
  await db.schema
    .createIndex('case_record_enterprise_idx')
    .on('case_record')
    .columns(['district_code', 'enterprise_id', 'created_at'])
    .where('enterprise_id', 'is not', null)
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

import type { Kysely } from 'kysely';

/**
 * Scores (issue 14 §1) are earned when things happen, not on the case's creation day: a period's
 * points read the case events of its days, by time. Until now events were found only by case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('case_event_time_idx')
    .on('case_event')
    .columns(['district_code', 'created_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

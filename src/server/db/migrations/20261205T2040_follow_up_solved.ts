import type { Kysely } from 'kysely';

/**
 * The follow-up call asks whether the problem was solved (解决率, one of Beijing's three rates):
 * each rating keeps the answer, and the case its latest, which its figures count. Null is "not
 * asked" (ratings recorded before this question existed, and unreachable calls).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_rating').addColumn('solved', 'boolean').execute();
  await db.schema.alterTable('case_record').addColumn('latest_solved', 'boolean').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

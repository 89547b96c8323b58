import type { Kysely } from 'kysely';

/**
 * A district's assessment rules (issue 12 §1): what its figures are counted by — the day its
 * assessment month starts on, what a "basically satisfied" rating is worth in the satisfaction
 * rate, and which ratings count. No row means the defaults (shared/domain/assessment-rules.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assessment_rule')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull().primaryKey())
    .addColumn('month_start_day', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('basically_satisfied_weight', 'numeric', (c) => c.notNull().defaultTo(1))
    .addColumn('ratings', 'varchar(16)', (c) => c.notNull().defaultTo('all'))
    .addColumn('updated_at', 'timestamptz')
    .addColumn('updated_by', 'uuid')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

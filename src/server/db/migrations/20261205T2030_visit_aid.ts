import { type Kysely, sql } from 'kysely';

/**
 * Aid delivered on a visit: the amount in yuan (慰问金, goods at their value) recorded against each
 * service that carried one, as an object of service code to amount (`{"help_delivered": 500}`),
 * beside the `services` list it refines. Empty for visits recorded without amounts (every visit
 * before this and every old field-app client), so nothing needs backfilling. The aid figure sums
 * these (shared/figures/visit-figures.ts); jsonb numbers are exact decimals on both engines.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('visit')
    .addColumn('aid_amounts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

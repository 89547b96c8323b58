import type { Kysely } from 'kysely';

/**
 * Who set an account's credentials (issue 10 §5): the administrator who created it and the one
 * who last reset its password or authenticator, with when. Whoever set them may know them, so the
 * approver of a full export must not be that person (modules/exports/approver-independence.ts).
 * Null for accounts made by the command line or the seed, and for those made before this column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('app_user')
    .addColumn('created_by', 'uuid')
    .addColumn('credentials_reset_by', 'uuid')
    .addColumn('credentials_reset_at', 'timestamptz')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

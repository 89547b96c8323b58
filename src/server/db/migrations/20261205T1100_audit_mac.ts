import { type Kysely, sql } from 'kysely';

/**
 * Keyed audit hashes (issue 10 §3): rows written from now on carry HMAC-SHA256 under a key kept
 * outside the database (`hash_version` 2). The rows already written keep their plain SHA-256
 * hash (`hash_version` 1) and are verified by that rule; the first keyed row of each chain links
 * onto them. Plain-hash rows may only come before keyed ones (modules/audit/audit-chain.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('audit_log')
    .addColumn('hash_version', 'smallint', (c) => c.notNull().defaultTo(1).check(sql`hash_version in (1, 2)`))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

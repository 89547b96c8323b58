import type { Kysely } from 'kysely';

/**
 * One version per district that every write changing what a signed-in request resolves to (a
 * session ended or given a new token, an account deactivated, edited or its credentials reset, a
 * grant changed) increases in its own transaction (issue 16 §3). Each server keeps the principals
 * it resolved in memory with the version it read; a request reads only this row, by its primary
 * key, and uses the kept principal while the version is unchanged — immediate and across every
 * server on one database. A district without a row is at version 0.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('auth_epoch')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('auth_epoch_pk', ['district_code'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

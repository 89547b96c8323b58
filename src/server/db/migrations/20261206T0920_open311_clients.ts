import type { Kysely } from 'kysely';

/**
 * Open311 API clients (issue 15 §3): the systems an administrator lets send service requests
 * in. A client's key is shown once when it is issued and only its SHA-256 is kept; the key starts
 * with the district code, so a request finds its client in one district (`key_hash` is unique
 * there). Revoking keeps the row: cases already sent in still name their client.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('open311_client')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('key_hash', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'uuid')
    .addColumn('last_used_at', 'timestamptz')
    .addPrimaryKeyConstraint('open311_client_pk', ['district_code', 'id'])
    .addUniqueConstraint('open311_client_key_uq', ['district_code', 'key_hash'])
    .addForeignKeyConstraint('open311_client_creator_fk', ['district_code', 'created_by'], 'app_user', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('open311_client_revoker_fk', ['district_code', 'revoked_by'], 'app_user', [
      'district_code',
      'id',
    ])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

import type { Kysely } from 'kysely';

/**
 * The resident's status links (issue 15 §2): an unguessable token per link, of which only the
 * SHA-256 is kept, so the table leaks no working link. The token starts with the district code, so
 * a lookup names its district (the key of every index here). A case may have several links (the
 * receipt's, the text message's, a new one after a revocation); revoking is per case. A rating the
 * resident gives there has no rater (`case_rating.rated_by` null).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('status_link')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('token_hash', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'uuid')
    .addPrimaryKeyConstraint('status_link_pk', ['district_code', 'id'])
    .addUniqueConstraint('status_link_token_uq', ['district_code', 'token_hash'])
    .addForeignKeyConstraint('status_link_case_fk', ['district_code', 'case_id'], 'case_record', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('status_link_revoker_fk', ['district_code', 'revoked_by'], 'app_user', [
      'district_code',
      'id',
    ])
    .execute();

  await db.schema
    .createIndex('status_link_case_idx')
    .on('status_link')
    .columns(['district_code', 'case_id'])
    .execute();

  // A resident rating on their status page is the follow-up step with nobody signed in.
  await db.schema
    .alterTable('case_rating')
    .alterColumn('rated_by', (c) => c.dropNotNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

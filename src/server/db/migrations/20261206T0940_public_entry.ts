import type { Kysely } from 'kysely';

/**
 * SMS codes that confirm a public reporter's phone (issue 15 §5), in districts that ask for them.
 * Only hashes of the phone and the code are kept, plus the phone encrypted for the one text that
 * carries the code; rows live minutes and are swept a day later. The phone's hash leads every
 * lookup after the district code, so counting a phone's recent codes reads one short index range.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('public_phone_code')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('phone_hash', 'bytea', (c) => c.notNull())
    .addColumn('phone_enc', 'bytea', (c) => c.notNull())
    .addColumn('code_hash', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('used_at', 'timestamptz')
    .addPrimaryKeyConstraint('public_phone_code_pk', ['district_code', 'id'])
    .execute();
  await db.schema
    .createIndex('public_phone_code_phone_idx')
    .on('public_phone_code')
    .columns(['district_code', 'phone_hash', 'created_at'])
    .execute();
  await db.schema
    .createIndex('public_phone_code_created_idx')
    .on('public_phone_code')
    .columns(['district_code', 'created_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

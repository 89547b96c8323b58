import { type Kysely, sql } from 'kysely';

/**
 * The last four digits of a member's phone and of an enterprise contact's phone, in clear (issue
 * 13 §1): the field app finds a household by what its masked phone shows (138****5678), which the
 * ciphertext and the exact-match hash cannot answer. Only the four digits every mask already
 * shows are kept. Rows written before this migration are filled at start-up
 * (modules/field-directory/fill-phone-last-four.ts): the migration has no key to decrypt with.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('person').addColumn('phone_last4', 'varchar(4)').execute();
  await db.schema.alterTable('enterprise').addColumn('contact_phone_last4', 'varchar(4)').execute();
  await db.schema
    .createIndex('person_phone_last4_idx')
    .on('person')
    .columns(['district_code', 'phone_last4'])
    .where('phone_last4', 'is not', null)
    .execute();
  await db.schema
    .createIndex('enterprise_contact_phone_last4_idx')
    .on('enterprise')
    .columns(['district_code', 'contact_phone_last4'])
    .where('contact_phone_last4', 'is not', null)
    .execute();
  // What the start-up fill looks for: empty once filled, so every later start finds nothing at once.
  await sql`create index person_phone_last4_unfilled_idx on person (district_code)
    where phone_enc is not null and phone_last4 is null`.execute(db);
  await sql`create index enterprise_contact_phone_last4_unfilled_idx on enterprise (district_code)
    where contact_phone_enc is not null and contact_phone_last4 is null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

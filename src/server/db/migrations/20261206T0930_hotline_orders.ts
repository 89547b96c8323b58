import { type Kysely, sql } from 'kysely';

/**
 * The 12345 hotline (issue 15 §4): each work order the platform hands over, by file import or by
 * its signed push, keyed by its order number within the district, so an order becomes a case
 * exactly once however often it arrives. The platform's fields are kept as it sent them (`raw`),
 * for the dispute that begins "but we sent you …". The webhook's replay guard keeps every
 * signature it accepted until it could no longer pass the timestamp window. Replies and closings
 * go back to the platform through the outbox on a channel of their own ('hotline').
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hotline_order')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('order_number', 'varchar(64)', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('source', 'varchar(8)', (c) => c.notNull().check(sql`source in ('import','webhook')`))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    // The platform's own limit for the order (办理时限); null when it gave none.
    .addColumn('deadline_at', 'timestamptz')
    .addColumn('raw', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('hotline_order_pk', ['district_code', 'order_number'])
    .addUniqueConstraint('hotline_order_case_uq', ['district_code', 'case_id'])
    .addForeignKeyConstraint('hotline_order_case_fk', ['district_code', 'case_id'], 'case_record', [
      'district_code',
      'id',
    ])
    .execute();
  // The staff page: the newest orders first.
  await db.schema
    .createIndex('hotline_order_created_idx')
    .on('hotline_order')
    .columns(['district_code', 'created_at'])
    .execute();

  await db.schema
    .createTable('hotline_signature_seen')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('signature', 'varchar(80)', (c) => c.notNull())
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull())
    // After this the timestamp window refuses the request anyway: the row may go.
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('hotline_signature_seen_pk', ['district_code', 'signature'])
    .execute();
  await db.schema
    .createIndex('hotline_signature_seen_expiry_idx')
    .on('hotline_signature_seen')
    .columns(['district_code', 'expires_at'])
    .execute();

  // The outbox gains the push-back channel; PostgreSQL named the inline check <table>_<column>_check.
  await sql`alter table outbox_message drop constraint outbox_message_channel_check`.execute(db);
  await sql`alter table outbox_message add constraint outbox_message_channel_check
    check (channel in ('in_app','sms','webhook','hotline'))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

import { type Kysely, sql } from 'kysely';

/**
 * Striped audit chains (issue 16 §2, docs/adr/0003-audit-chain-stripes.md): a district's log is
 * K independent hash chains ("stripes") instead of one, so concurrent writers lock different
 * head rows instead of queueing on the district's single head through commit. Every row and head
 * written so far becomes stripe 0 and keeps verifying unchanged; the other heads start at genesis.
 * K is 16 here, as `AUDIT_STRIPES` in modules/audit/audit-chain.ts (a migration must not depend
 * on code that may change later).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('audit_log')
    .addColumn('stripe', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`stripe >= 0`))
    .execute();
  await db.schema.alterTable('audit_log').dropConstraint('audit_log_pk').execute();
  await db.schema
    .alterTable('audit_log')
    .addPrimaryKeyConstraint('audit_log_pk', ['district_code', 'stripe', 'seq'])
    .execute();
  // Newest first across stripes (the audit page, its keyset cursor): time, then the uuidv7 id.
  await db.schema.dropIndex('audit_log_at_idx').execute();
  await db.schema
    .createIndex('audit_log_at_idx')
    .on('audit_log')
    .columns(['district_code', 'at', 'id'])
    .execute();

  await db.schema
    .alterTable('audit_chain_head')
    .addColumn('stripe', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`stripe >= 0`))
    .execute();
  await db.schema.alterTable('audit_chain_head').dropConstraint('audit_chain_head_pk').execute();
  await db.schema
    .alterTable('audit_chain_head')
    .addPrimaryKeyConstraint('audit_chain_head_pk', ['district_code', 'stripe'])
    .execute();
  // The other stripes of every existing district, so its writers spread at once (a writer only
  // creates heads for a district that has none).
  await sql`
    insert into audit_chain_head (district_code, stripe, seq, hash)
    select h.district_code, s.stripe, 0, ${Buffer.alloc(32)}
    from audit_chain_head h cross join generate_series(1, 15) as s(stripe)
    on conflict do nothing`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

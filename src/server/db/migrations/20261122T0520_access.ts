import { type Kysely, sql } from 'kysely';

/**
 * Accounts, role grants, sessions, sign-in throttling and the audit log (trust.md §1–§12).
 * Tenant tables lead every key with district_code; the throttle is deployment-wide (it counts
 * addresses and usernames before anyone knows which district they belong to).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_user')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('username', 'varchar(64)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(50)', (c) => c.notNull())
    .addColumn('staff_id', 'uuid')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('totp_secret_enc', 'bytea')
    .addColumn('totp_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('totp_last_step', 'bigint')
    .addColumn('recovery_code_hashes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('app_user_pk', ['district_code', 'id'])
    .addUniqueConstraint('app_user_username_uq', ['district_code', 'username'])
    .execute();
  await db.schema.createIndex('app_user_username_idx').on('app_user').column('username').execute();

  await db.schema
    .createTable('role_grant')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('scope_region_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('role_grant_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('role_grant_user_fk', ['district_code', 'user_id'], 'app_user', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('role_grant_region_fk', ['district_code', 'scope_region_id'], 'region', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('role_grant_user_idx')
    .on('role_grant')
    .columns(['district_code', 'user_id'])
    .execute();

  await db.schema
    .createTable('user_session')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('token_hash', 'bytea', (c) => c.notNull())
    .addColumn('mfa_passed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('source_ip', 'varchar(64)')
    .addPrimaryKeyConstraint('user_session_pk', ['district_code', 'id'])
    .addUniqueConstraint('user_session_token_uq', ['district_code', 'token_hash'])
    .addForeignKeyConstraint('user_session_user_fk', ['district_code', 'user_id'], 'app_user', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('user_session_user_idx')
    .on('user_session')
    .columns(['district_code', 'user_id'])
    .execute();

  await db.schema
    .createTable('auth_throttle')
    .addColumn('key', 'varchar(160)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('blocked_until', 'timestamptz')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_name', 'varchar(64)')
    .addColumn('actor_roles', 'varchar(200)')
    .addColumn('scope', 'varchar(200)')
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('object_type', 'varchar(32)')
    .addColumn('object_id', 'varchar(64)')
    .addColumn('result', 'varchar(16)', (c) => c.notNull())
    .addColumn('source_ip', 'varchar(64)')
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('prev_hash', 'bytea', (c) => c.notNull())
    .addColumn('hash', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_log_pk', ['district_code', 'seq'])
    .addUniqueConstraint('audit_log_id_uq', ['district_code', 'id'])
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['district_code', 'at']).execute();

  // The head of each district's hash chain: appending locks this row (FOR UPDATE, one tenant),
  // so concurrent writers extend the chain one after another instead of forking it.
  await db.schema
    .createTable('audit_chain_head')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_chain_head_pk', ['district_code'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

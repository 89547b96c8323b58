import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Grants the role the application connects as everything it needs except changing the audit log:
 * it may read and append audit rows, never update, delete or truncate them (docs/specs/trust.md §11), and it
 * runs the job queue in its own schema. The
 * tables' owner runs this after every migration (`minqing db grant-app-role <role>`); the
 * server then connects as that role.
 */
export async function grantAppRole(db: Kysely<DB>, role: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error('The role name must be a plain lower-case SQL identifier.');
  const r = sql.id(role);
  await sql`grant usage on schema public to ${r}`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema public to ${r}`.execute(db);
  await sql`revoke update, delete, truncate on audit_log from ${r}`.execute(db);
  // The job queue (pg-boss) keeps its own schema and migrates it itself at start-up, as whichever
  // role the server connects as: that role may create and use tables there.
  await sql`create schema if not exists pgboss`.execute(db);
  await sql`grant usage, create on schema pgboss to ${r}`.execute(db);
  await sql`grant all on all tables in schema pgboss to ${r}`.execute(db);
  await sql`grant all on all sequences in schema pgboss to ${r}`.execute(db);
  await sql`alter default privileges in schema pgboss grant all on tables to ${r}`.execute(db);
}

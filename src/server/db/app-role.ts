import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Grants the role the application connects as everything it needs except changing the audit log:
 * it may read and append audit rows, never update, delete or truncate them (trust.md §11). The
 * tables' owner runs this after every migration (`minqing db grant-app-role <role>`); the
 * server then connects as that role.
 */
export async function grantAppRole(db: Kysely<DB>, role: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error('The role name must be a plain lower-case SQL identifier.');
  const r = sql.id(role);
  await sql`grant usage on schema public to ${r}`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema public to ${r}`.execute(db);
  await sql`revoke update, delete, truncate on audit_log from ${r}`.execute(db);
}

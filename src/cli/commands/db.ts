import { loadConfig } from '../../server/config.ts';
import { grantAppRole } from '../../server/db/app-role.ts';
import { openDatabase } from '../../server/db/engine.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { info } from '../output.ts';

/** `minqing db grant-app-role <role>`: run as the tables' owner after each upgrade (PostgreSQL). */
export async function grantAppRoleCommand(role: string): Promise<void> {
  const database = await openDatabase(loadConfig());
  try {
    await migrateToLatest(database.db);
    await grantAppRole(database.db, role);
    info(`Granted ${role} read and write on every table, and append-only access to audit_log.`);
  } finally {
    await database.close();
  }
}

import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/engine.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { verifyAuditChains } from '../../server/modules/audit/audit.repository.ts';
import { info } from '../output.ts';

/** `minqing audit verify`: recomputes every hash chain; exit 1 on any break (trust.md §11). */
export async function auditVerifyCommand(): Promise<void> {
  const database = await openDatabase(loadConfig());
  try {
    await migrateToLatest(database.db);
    const { rows, breaks } = await verifyAuditChains(database.db);
    if (breaks.length === 0) {
      info(`Audit log intact: ${rows} rows, every hash chain verified.`);
      return;
    }
    for (const b of breaks) info(`BROKEN district ${b.districtCode} at row ${b.seq}: ${b.problem}`);
    info(`Audit log verification FAILED: ${breaks.length} break(s) in ${rows} rows.`);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

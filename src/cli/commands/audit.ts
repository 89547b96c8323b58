import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/engine.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { verifyAuditChains } from '../../server/modules/audit/audit.repository.ts';
import { info } from '../output.ts';

/**
 * `minqing audit verify`: recomputes every keyed hash chain (each stripe of each district) and
 * checks it against the signed checkpoints outside the database; exit 1 on any break
 * (docs/specs/trust.md §11).
 */
export async function auditVerifyCommand(options: { checkpoints?: string[] } = {}): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const { rows, breaks, warnings } = await verifyAuditChains(database.db, {
      checkpointDir: config.audit.checkpointDir,
      extraCheckpoints: options.checkpoints ?? [],
    });
    for (const w of warnings) info(`WARNING ${w}`);
    if (breaks.length === 0) {
      info(
        `Audit log intact: ${rows} rows, every hash chain verified against the checkpoints in ${config.audit.checkpointDir}.`,
      );
      return;
    }
    for (const b of breaks)
      info(`BROKEN district ${b.districtCode} stripe ${b.stripe} at row ${b.seq}: ${b.problem}`);
    info(`Audit log verification FAILED: ${breaks.length} break(s) in ${rows} rows.`);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

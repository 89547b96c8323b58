import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/engine.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { runRetention } from '../../server/jobs/retention.ts';
import { info } from '../output.ts';

/**
 * `minqing retention run`: the server's daily retention job, now (e.g. from cron when the server
 * is off, or to check the settings). Safe while a server on the same PostgreSQL runs it too.
 */
export async function retentionRunCommand(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const { districts, totals } = await runRetention(database.db, new Date(), config.retention);
    for (const d of districts)
      info(
        `district ${d.districtCode}: ${d.personsAnonymised} people and ${d.householdsAnonymised} households anonymised, ${d.importReportsDeleted} import reports, ${d.progressRowsDeleted} progress rows and ${d.phoneCodesDeleted} SMS codes deleted`,
      );
    info(
      `Retention run finished: ${totals.personsAnonymised} people and ${totals.householdsAnonymised} households anonymised (removed more than ${config.retention.removedDays} days ago), ${totals.importReportsDeleted} import reports deleted (older than ${config.retention.importReportDays} days), ${totals.progressRowsDeleted} progress rows of imports and exports deleted (ended a day ago, or stale), ${totals.phoneCodesDeleted} SMS codes of the public form deleted (expired a day ago). The audit log is kept; keep backups and archives of it for at least ${config.retention.auditDays} days.`,
    );
  } finally {
    await database.close();
  }
}

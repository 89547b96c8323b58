import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config, RetentionSettings } from '../config.ts';
import { runTransaction } from '../db/retry.ts';
import type { DB } from '../db/schema.ts';
import { audit } from '../modules/audit/audit.ts';
import { createProgressRepository } from '../modules/progress/progress.repository.ts';
import { PROGRESS_STALE_MS } from '../modules/progress/progress.ts';
import { createRegionRepository } from '../modules/regions/regions.repository.ts';
import { schedulePeriodic } from './periodic.ts';
import { createRetentionRepository } from './retention.repository.ts';

export interface RetentionCounts {
  personsAnonymised: number;
  householdsAnonymised: number;
  enterpriseContactsAnonymised: number;
  importReportsDeleted: number;
  /** Progress rows of imports and exports over for a day, or left unfinished (stale). */
  progressRowsDeleted: number;
  /** The public form's SMS codes (with their encrypted phones) a day after they expired. */
  phoneCodesDeleted: number;
}

export interface RetentionResult {
  districts: ({ districtCode: string } & RetentionCounts)[];
  totals: RetentionCounts;
}

const DAY_MS = 86_400_000;

/** The name the job's audit rows carry as their actor. */
export const RETENTION_ACTOR = 'system:retention';

/**
 * Applies the retention periods (docs/specs/trust.md §17) as of `now`, district by district: anonymises
 * people, households and enterprise contacts removed longer ago than `removedDays` and drops import reports older
 * than `importReportDays`, and deletes the progress rows of imports and exports a day after they
 * ended (or once stale: not moved for longer than a live run ever waits), and the public form's SMS
 * codes a day after they expired. Each district is one transaction holding the district's retention
 * lock, with its audit row (`retention.run` and the counts) — no audit, no change. Running it
 * again, or twice at once, changes nothing more: what is done is no longer selected. The audit
 * log itself is never touched (the application's role cannot delete it).
 */
export async function runRetention(
  db: Kysely<DB>,
  now: Date,
  settings: Pick<RetentionSettings, 'removedDays' | 'importReportDays'>,
): Promise<RetentionResult> {
  const removedBefore = new Date(now.getTime() - settings.removedDays * DAY_MS);
  const reportsBefore = new Date(now.getTime() - settings.importReportDays * DAY_MS);
  // A finished run's row is read only by the page that followed it: a day is plenty.
  const progressBefore = new Date(now.getTime() - DAY_MS);
  // An SMS code is worth nothing once expired; a day's grace keeps its row for questions about a
  // refused report (and the sending path sweeps a day after creation too).
  const phoneCodesBefore = new Date(now.getTime() - DAY_MS);
  const staleBefore = new Date(now.getTime() - PROGRESS_STALE_MS);
  const result: RetentionResult = {
    districts: [],
    totals: {
      personsAnonymised: 0,
      householdsAnonymised: 0,
      enterpriseContactsAnonymised: 0,
      importReportsDeleted: 0,
      progressRowsDeleted: 0,
      phoneCodesDeleted: 0,
    },
  };
  for (const districtCode of await createRegionRepository(db).districts()) {
    const counts = await runTransaction(db, async (trx) => {
      const repo = createRetentionRepository(trx);
      await repo.lockDistrict(districtCode);
      // People first: a household's address goes only once all its members are anonymised.
      const personsAnonymised = await repo.anonymisePersons(districtCode, removedBefore, now);
      const householdsAnonymised = await repo.anonymiseHouseholds(districtCode, removedBefore, now);
      const enterpriseContactsAnonymised = await repo.anonymiseEnterpriseContacts(
        districtCode,
        removedBefore,
        now,
      );
      const importReportsDeleted = await repo.deleteImportReports(districtCode, reportsBefore);
      const progressRowsDeleted = await createProgressRepository(trx).deleteOld(
        districtCode,
        progressBefore,
        staleBefore,
      );
      const phoneCodesDeleted = await repo.deletePhoneCodes(districtCode, phoneCodesBefore);
      const done: RetentionCounts = {
        personsAnonymised,
        householdsAnonymised,
        enterpriseContactsAnonymised,
        importReportsDeleted,
        progressRowsDeleted,
        phoneCodesDeleted,
      };
      await repo.recordRun(districtCode, { at: now.toISOString(), ...done }, now);
      await audit(
        trx,
        { districtCode, username: RETENTION_ACTOR, sourceIp: null },
        {
          action: 'retention.run',
          result: 'success',
          objectType: 'retention',
          detail: {
            ...done,
            removedBefore: removedBefore.toISOString(),
            importReportsBefore: reportsBefore.toISOString(),
            progressBefore: progressBefore.toISOString(),
            phoneCodesBefore: phoneCodesBefore.toISOString(),
          },
        },
      );
      return done;
    });
    result.districts.push({ districtCode, ...counts });
    result.totals.personsAnonymised += counts.personsAnonymised;
    result.totals.householdsAnonymised += counts.householdsAnonymised;
    result.totals.enterpriseContactsAnonymised += counts.enterpriseContactsAnonymised;
    result.totals.importReportsDeleted += counts.importReportsDeleted;
    result.totals.progressRowsDeleted += counts.progressRowsDeleted;
    result.totals.phoneCodesDeleted += counts.phoneCodesDeleted;
  }
  return result;
}

const FIRST_RUN_DELAY_MS = 5 * 60_000;

/**
 * The daily retention run inside the server (both engines): first a few minutes after start,
 * then every 24 hours. Several servers on one PostgreSQL database may all run it; the district
 * lock makes the later runs find nothing to do. Stopping waits for a run in progress.
 */
export function scheduleRetention(
  config: Config,
  db: Kysely<DB>,
  log: FastifyBaseLogger,
  intervalMs = DAY_MS,
): () => Promise<void> {
  const job = schedulePeriodic({
    firstDelayMs: FIRST_RUN_DELAY_MS,
    intervalMs,
    task: async () => {
      const { totals } = await runRetention(db, new Date(), config.retention);
      log.info(totals, 'retention run finished');
    },
    onError: (error) => log.error({ err: error }, 'retention run failed'),
  });
  log.info(
    {
      removedDays: config.retention.removedDays,
      importReportDays: config.retention.importReportDays,
      auditDays: config.retention.auditDays,
    },
    'retention job scheduled (daily)',
  );
  return job.stop;
}

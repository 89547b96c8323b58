import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { auditMac } from '../modules/audit/audit-chain.ts';
import { type CheckpointMemo, writeAuditCheckpoints } from '../modules/audit/write-checkpoints.ts';
import { schedulePeriodic } from './periodic.ts';

/**
 * Signed checkpoints of the audit chains (every stripe of every district) outside the database
 * (both engines): one at start, then every MINQING_AUDIT_CHECKPOINT_MINUTES, and a last one at
 * shutdown, after the last request has finished, so what a database writer could cut from the end
 * of a stripe unnoticed is at most one interval's rows. Stopping waits for a pass in progress,
 * then writes the final one.
 */
export function scheduleAuditCheckpoints(
  config: Config,
  db: Kysely<DB>,
  log: FastifyBaseLogger,
): { stop(): Promise<void> } {
  const memo: CheckpointMemo = new Map();
  const mac = auditMac();
  const job = schedulePeriodic({
    firstDelayMs: 0,
    intervalMs: config.audit.checkpointMinutes * 60_000,
    task: async () => {
      await writeAuditCheckpoints(db, mac, config.audit.checkpointDir, log, memo);
    },
    onError: (error) => log.error({ err: error }, 'audit checkpoint failed'),
  });
  log.info(
    { dir: config.audit.checkpointDir, minutes: config.audit.checkpointMinutes },
    'audit checkpoints scheduled',
  );
  return {
    async stop() {
      await job.stop();
      await job.runNow();
    },
  };
}

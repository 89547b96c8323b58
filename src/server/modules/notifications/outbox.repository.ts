import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, OutboxMessageTable } from '../../db/schema.ts';

export type OutboxMessage = Selectable<OutboxMessageTable>;

/** The delivery worker's SQL over the outbox (a deployment-wide scan: the worker acts for every district). */
export function createOutboxRepository(db: Kysely<DB>) {
  return {
    /**
     * Due, undelivered messages, oldest deadline first, locked for this transaction; rows another
     * worker holds are skipped, so two instances never deliver the same message at once.
     */
    /** The districts with messages due: delivery locks one district's at a time (`pickDue`). */
    async dueDistricts(now: Date): Promise<string[]> {
      const rows = await db
        .selectFrom('outbox_message')
        .select('district_code')
        .distinct()
        .where('delivered_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('next_attempt_at', '<=', now)
        .orderBy('district_code')
        .execute();
      return rows.map((r) => r.district_code);
    },

    /**
     * Locks a district's next due messages. One district per pick: the lock then stays on one
     * shard of a Citus cluster, which refuses FOR UPDATE across shards (issue 17 §2).
     */
    pickDue(districtCode: string, now: Date, limit: number): Promise<OutboxMessage[]> {
      return db
        .selectFrom('outbox_message')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('delivered_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
    },

    /**
     * Runs one message's delivery so that a failed statement in it (PostgreSQL aborts the whole
     * transaction on one) is undone alone and the batch goes on.
     */
    async isolated<T>(work: () => Promise<T>): Promise<T> {
      await sql`savepoint outbox_message`.execute(db);
      try {
        const result = await work();
        await sql`release savepoint outbox_message`.execute(db);
        return result;
      } catch (error) {
        await sql`rollback to savepoint outbox_message`.execute(db);
        throw error;
      }
    },

    async markDelivered(m: OutboxMessage, now: Date): Promise<void> {
      await db
        .updateTable('outbox_message')
        .set({ delivered_at: now, attempts: m.attempts + 1, last_error: null })
        .where('district_code', '=', m.district_code)
        .where('id', '=', m.id)
        .execute();
    },

    /** A failed attempt: try again at `next`, or give up (`failedAt`) after the last attempt. */
    async markAttemptFailed(
      m: OutboxMessage,
      outcome: { attempts: number; next: Date; failedAt: Date | null; error: string },
    ): Promise<void> {
      await db
        .updateTable('outbox_message')
        .set({
          attempts: outcome.attempts,
          next_attempt_at: outcome.next,
          failed_at: outcome.failedAt,
          last_error: outcome.error.slice(0, 1000),
        })
        .where('district_code', '=', m.district_code)
        .where('id', '=', m.id)
        .execute();
    },

    /** The reporter's encrypted phone, read at delivery so the outbox never holds the number. */
    async reporterPhone(districtCode: string, caseId: string): Promise<Uint8Array | null> {
      const row = await db
        .selectFrom('case_record')
        .select('reporter_phone_enc')
        .where('district_code', '=', districtCode)
        .where('id', '=', caseId)
        .executeTakeFirst();
      return row?.reporter_phone_enc ?? null;
    },
  };
}

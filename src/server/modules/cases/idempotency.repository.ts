import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface IdempotencyRef {
  districtCode: string;
  owner: string;
  key: string;
}

const keyOf = (ref: IdempotencyRef) => ({ district_code: ref.districtCode, owner: ref.owner, key: ref.key });

/** SQL for idempotency keys of retried creates (docs/specs/trust.md §22). */
export function createIdempotencyRepository(db: Kysely<DB>) {
  return {
    /**
     * Claims the key for a first run in one statement; false when someone holds it (running or
     * done). An expired key counts as free and is claimed afresh.
     */
    async claim(ref: IdempotencyRef, requestHash: string, expiresAt: Date): Promise<boolean> {
      const fresh = {
        request_hash: requestHash,
        status: 'running' as const,
        response_status: null,
        response_body: null,
        created_at: sql<Date>`now()`,
        expires_at: expiresAt,
      };
      const row = await db
        .insertInto('idempotency_key')
        .values({ district_code: ref.districtCode, owner: ref.owner, key: ref.key, ...fresh })
        .onConflict((oc) =>
          oc
            .columns(['district_code', 'owner', 'key'])
            .doUpdateSet(fresh)
            .where('idempotency_key.expires_at', '<', sql<Date>`now()`),
        )
        .returning('key')
        .executeTakeFirst();
      return row !== undefined;
    },

    find(ref: IdempotencyRef) {
      return db
        .selectFrom('idempotency_key')
        .selectAll()
        .where((eb) => eb.and(keyOf(ref)))
        .executeTakeFirst();
    },

    /** Takes over a run abandoned by a crashed process (running for longer than `staleBefore`). */
    async takeOver(ref: IdempotencyRef, staleBefore: Date): Promise<boolean> {
      const result = await db
        .updateTable('idempotency_key')
        .set({ created_at: sql`now()` })
        .where((eb) => eb.and(keyOf(ref)))
        .where('status', '=', 'running')
        .where('created_at', '<', staleBefore)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async complete(ref: IdempotencyRef, status: number, body: unknown) {
      await db
        .updateTable('idempotency_key')
        .set({ status: 'done', response_status: status, response_body: JSON.stringify(body) })
        .where((eb) => eb.and(keyOf(ref)))
        .execute();
    },

    async release(ref: IdempotencyRef) {
      await db
        .deleteFrom('idempotency_key')
        .where((eb) => eb.and(keyOf(ref)))
        .where('status', '=', 'running')
        .execute();
    },

    async deleteExpired(now: Date): Promise<number> {
      const result = await db.deleteFrom('idempotency_key').where('expires_at', '<', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

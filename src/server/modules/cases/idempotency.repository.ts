import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { WriteBatch } from '../../db/write-batch.ts';

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
     * Stores the key with its answer, in the create's transaction, in one statement; false when
     * someone holds it (a committed answer, or a claim still running). A concurrent holder's
     * uncommitted row makes this wait on the unique index until it commits or rolls back. An
     * expired key, or a claim abandoned before `staleBefore`, counts as free and is written afresh.
     */
    async record(
      ref: IdempotencyRef,
      answer: { hash: string; status: number; body: unknown; expires: Date },
      staleBefore: Date,
      /**
       * The create's held writes, when the create is one statement (db/write-batch.ts): the key
       * is then a guard of it, and a key someone holds fails the statement (`GuardFailed`).
       */
      batch?: WriteBatch,
    ): Promise<boolean> {
      // The time comes from here, not now(): Citus wants a distributed table's DO UPDATE immutable.
      const now = new Date();
      const fresh = {
        request_hash: answer.hash,
        status: 'done' as const,
        response_status: answer.status,
        response_body: JSON.stringify(answer.body),
        created_at: now,
        expires_at: answer.expires,
      };
      const write = db
        .insertInto('idempotency_key')
        .values({ district_code: ref.districtCode, owner: ref.owner, key: ref.key, ...fresh })
        .onConflict((oc) =>
          oc
            .columns(['district_code', 'owner', 'key'])
            .doUpdateSet(fresh)
            .where((eb) =>
              eb.or([
                eb('idempotency_key.expires_at', '<', now),
                eb.and([
                  eb('idempotency_key.status', '=', 'running'),
                  eb('idempotency_key.created_at', '<', staleBefore),
                ]),
              ]),
            ),
        )
        .returning('key');
      if (batch) {
        batch.guard(write);
        return true;
      }
      return (await write.executeTakeFirst()) !== undefined;
    },

    find(ref: IdempotencyRef) {
      return db
        .selectFrom('idempotency_key')
        .selectAll()
        .where((eb) => eb.and(keyOf(ref)))
        .executeTakeFirst();
    },

    /** Which of `keys` the owner holds a row for, in any state (a sync batch's keys in one read). */
    async held(ref: Omit<IdempotencyRef, 'key'>, keys: readonly string[]): Promise<Set<string>> {
      if (keys.length === 0) return new Set();
      const rows = await db
        .selectFrom('idempotency_key')
        .select('key')
        .where('district_code', '=', ref.districtCode)
        .where('owner', '=', ref.owner)
        .where('key', 'in', [...keys])
        .execute();
      return new Set(rows.map((r) => r.key));
    },

    async deleteExpired(now: Date): Promise<number> {
      const result = await db.deleteFrom('idempotency_key').where('expires_at', '<', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

import type { Insertable, Kysely } from 'kysely';
import type { DB, PublicPhoneCodeTable } from '../../db/schema.ts';

/** All SQL about the SMS codes that confirm a public reporter's phone. */
export function createPhoneCodeRepository(db: Kysely<DB>) {
  /** The newest code sent to a phone, as a query to select from. */
  const newest = (districtCode: string, phoneHash: Uint8Array) =>
    db
      .selectFrom('public_phone_code')
      .where('district_code', '=', districtCode)
      .where('phone_hash', '=', phoneHash)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1);
  return {
    async insert(row: Insertable<PublicPhoneCodeTable>): Promise<void> {
      await db.insertInto('public_phone_code').values(row).execute();
    },

    /** The codes sent to a phone since `since`, newest first (for the per-phone limits). */
    sentSince(districtCode: string, phoneHash: Uint8Array, since: Date) {
      return db
        .selectFrom('public_phone_code')
        .select(['id', 'created_at'])
        .where('district_code', '=', districtCode)
        .where('phone_hash', '=', phoneHash)
        .where('created_at', '>=', since)
        .orderBy('created_at', 'desc')
        .execute();
    },

    /**
     * Locks the newest code sent to a phone, for the rest of the transaction: sends to one phone
     * then queue, and each counts the codes sent before it (the per-phone limits).
     */
    async lockLatest(districtCode: string, phoneHash: Uint8Array): Promise<void> {
      await newest(districtCode, phoneHash).select('id').forUpdate().execute();
    },

    /** The newest code sent to a phone: only it counts, a new code replaces the older ones. */
    latest(districtCode: string, phoneHash: Uint8Array) {
      return newest(districtCode, phoneHash)
        .select(['id', 'code_hash', 'expires_at', 'attempts', 'used_at'])
        .executeTakeFirst();
    },

    /**
     * Takes one try of a live code before it is compared, in its own statement (so it counts even
     * though the report is refused): false when the code is used or has had `tries` already.
     * Taking it first bounds the guesses: concurrent wrong tries cannot all see a count under the
     * limit, as they could when the count was read, compared and then raised.
     */
    async takeTry(districtCode: string, id: string, tries: number): Promise<boolean> {
      const result = await db
        .updateTable('public_phone_code')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .where('attempts', '<', tries)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Uses the code up (once: a second report with it finds it used). */
    async use(districtCode: string, id: string, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('public_phone_code')
        .set({ used_at: now })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** What the text needs at delivery: the encrypted phone, if the code is still worth sending. */
    forDelivery(districtCode: string, id: string) {
      return db
        .selectFrom('public_phone_code')
        .select(['phone_enc', 'expires_at', 'used_at'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Codes are worth nothing after minutes; their rows (and encrypted phones) go after a day. */
    async sweep(districtCode: string, before: Date): Promise<void> {
      await db
        .deleteFrom('public_phone_code')
        .where('district_code', '=', districtCode)
        .where('created_at', '<', before)
        .execute();
    },
  };
}

import type { Insertable, Kysely } from 'kysely';
import type { DB, StatusLinkTable } from '../../db/schema.ts';
import { type WriteBatch, writeOrHold } from '../../db/write-batch.ts';

/** The SQL of the resident's status links; every lookup names its district (from the token). */
export function createResidentStatusRepository(db: Kysely<DB>) {
  return {
    async insertLink(row: Insertable<StatusLinkTable>, batch?: WriteBatch): Promise<void> {
      await writeOrHold(batch, db.insertInto('status_link').values(row));
    },

    /** The live link a token's hash names, with its case's id. */
    liveLink(districtCode: string, hash: Uint8Array) {
      return db
        .selectFrom('status_link')
        .select(['id', 'case_id'])
        .where('district_code', '=', districtCode)
        .where('token_hash', '=', hash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
    },

    /** One link by id (the outbox names the link it texts). */
    link(districtCode: string, id: string) {
      return db
        .selectFrom('status_link')
        .select(['id', 'case_id', 'revoked_at'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Revokes every live link of a case; the number revoked. */
    async revokeCaseLinks(districtCode: string, caseId: string, by: string, now: Date): Promise<number> {
      const rows = await db
        .updateTable('status_link')
        .set({ revoked_at: now, revoked_by: by })
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .where('revoked_at', 'is', null)
        .returning('id')
        .execute();
      return rows.length;
    },

    /** How many live links a case has (the case page shows whether the resident can look). */
    async liveLinkCount(districtCode: string, caseId: string): Promise<number> {
      const row = await db
        .selectFrom('status_link')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

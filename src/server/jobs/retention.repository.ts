import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** What replaces a name or an address that is past its retention period. */
export const ANONYMISED = '已匿名';

const count = (result: { numUpdatedRows: bigint } | undefined) => Number(result?.numUpdatedRows ?? 0n);

/** All SQL of the retention job; every method works within one district. */
export function createRetentionRepository(db: Kysely<DB>) {
  return {
    /**
     * Takes the district's retention lock for the rest of the transaction: a row lock on a
     * settings row (no advisory locks: they are not portable), so a second run, from another
     * server or the CLI, waits and then finds nothing left to do.
     */
    async lockDistrict(districtCode: string): Promise<void> {
      const key = `retention.${districtCode}`;
      await db
        .insertInto('system_setting')
        .values({ key, value: '{}' })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      await db.selectFrom('system_setting').select('key').where('key', '=', key).forUpdate().execute();
    },

    /** Records the run on the lock row (when it ran and what it changed). */
    async recordRun(districtCode: string, value: unknown, at: Date): Promise<void> {
      await db
        .updateTable('system_setting')
        .set({ value: JSON.stringify(value), updated_at: at })
        .where('key', '=', `retention.${districtCode}`)
        .execute();
    },

    /**
     * People removed before `before` lose what identifies them: name, ID number and phone (their
     * ciphertexts and lookup hashes), and the day and month of birth; gender, relationship and
     * birth year stay for statistics.
     */
    async anonymisePersons(districtCode: string, before: Date, now: Date): Promise<number> {
      const result = await db
        .updateTable('person')
        .set({
          name: ANONYMISED,
          id_number_enc: null,
          id_number_hash: null,
          phone_enc: null,
          phone_hash: null,
          phone_last4: null,
          // make_date/extract, not date_trunc: that one goes through timestamptz (a stable
          // function), which Citus refuses on a column in an UPDATE.
          birth_date: sql<string>`make_date(extract(year from birth_date)::int, 1, 1)`,
          anonymised_at: now,
          updated_at: now,
        })
        .where('district_code', '=', districtCode)
        .where('removed_at', '<', before)
        .where('anonymised_at', 'is', null)
        .executeTakeFirst();
      return count(result);
    },

    /**
     * Enterprises removed before `before` lose their contact person's name and phone (the only
     * personal data an enterprise record holds); name, credit code and address are public facts.
     */
    async anonymiseEnterpriseContacts(districtCode: string, before: Date, now: Date): Promise<number> {
      const result = await db
        .updateTable('enterprise')
        .set({
          contact_name: null,
          contact_phone_enc: null,
          contact_phone_hash: null,
          contact_phone_last4: null,
          updated_at: now,
        })
        .where('district_code', '=', districtCode)
        .where('removed_at', '<', before)
        .where((eb) => eb.or([eb('contact_name', 'is not', null), eb('contact_phone_enc', 'is not', null)]))
        .executeTakeFirst();
      return count(result);
    },

    /**
     * Households removed before `before` whose members are all anonymised lose their address and
     * their coordinates (which point at the home as well); the row stays (grid, tags, removal date)
     * for statistics.
     */
    async anonymiseHouseholds(districtCode: string, before: Date, now: Date): Promise<number> {
      const result = await db
        .updateTable('household as h')
        .set({
          address: ANONYMISED,
          estate: null,
          building: null,
          unit: null,
          room: null,
          latitude: null,
          longitude: null,
          updated_at: now,
        })
        .where('h.district_code', '=', districtCode)
        .where('h.removed_at', '<', before)
        .where((eb) =>
          eb.or([
            eb('h.address', '<>', ANONYMISED),
            eb('h.estate', 'is not', null),
            eb('h.building', 'is not', null),
            eb('h.unit', 'is not', null),
            eb('h.room', 'is not', null),
          ]),
        )
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('person as p')
                .select('p.id')
                .whereRef('p.district_code', '=', 'h.district_code')
                .whereRef('p.household_id', '=', 'h.id')
                .where('p.anonymised_at', 'is', null),
            ),
          ),
        )
        .executeTakeFirst();
      return count(result);
    },

    /**
     * Deletes the SMS codes of the public form (issue 15 §5) that expired before `before`: their
     * rows hold the phone encrypted, and a district that stopped sending codes never sweeps them
     * itself. A code expires minutes after it is made, so `created_at` before the same moment
     * takes nothing more and lets the (district, created_at) index find the rows.
     */
    async deletePhoneCodes(districtCode: string, before: Date): Promise<number> {
      const result = await db
        .deleteFrom('public_phone_code')
        .where('district_code', '=', districtCode)
        .where('created_at', '<', before)
        .where('expires_at', '<', before)
        .executeTakeFirst();
      return Number(result?.numDeletedRows ?? 0n);
    },

    /** Drops the validation reports of imports made before `before` (the summary stays). */
    async deleteImportReports(districtCode: string, before: Date): Promise<number> {
      const result = await db
        .updateTable('import_run')
        .set({ report: null })
        .where('district_code', '=', districtCode)
        .where('created_at', '<', before)
        .where('report', 'is not', null)
        .executeTakeFirst();
      return count(result);
    },
  };
}

import type { Insertable, Kysely } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Queries shared by the tables whose rows carry a code unique within their district (regions,
 * households, departments, case categories); each repository exposes them as its own methods.
 */
type CodedTable = 'region' | 'household' | 'department' | 'case_category';

const idByCode = (db: Kysely<DB>, table: CodedTable, districtCode: string, code: string) =>
  db.selectFrom(table).select('id').where('district_code', '=', districtCode).where('code', '=', code);

/** Whether a row of the district has the code (removed rows too: codes are never reused). */
export async function codeTaken(
  db: Kysely<DB>,
  table: CodedTable,
  districtCode: string,
  code: string,
): Promise<boolean> {
  return (await idByCode(db, table, districtCode, code).executeTakeFirst()) !== undefined;
}

/** For the seeder: adds the row unless its code exists, and answers the code's id either way. */
export async function ensureCoded<T extends 'department' | 'case_category'>(
  db: Kysely<DB>,
  table: T,
  row: Insertable<DB[T]> & { district_code: string; code: string },
): Promise<string> {
  await db
    .insertInto(table)
    .values(row)
    .onConflict((oc) => oc.columns(['district_code', 'code']).doNothing())
    .execute();
  const existing = await idByCode(db, table, row.district_code, row.code).executeTakeFirstOrThrow();
  return existing.id;
}

import { type Kysely, sql } from 'kysely';
import type { RegionLevel } from '../../../shared/domain/region.ts';
import type { DB } from '../../db/schema.ts';
import { chunks, type SqlType, textArray, unnestRows } from '../../db/unnest.ts';
import type { HouseholdColumns, PersonColumns } from '../households/households.repository.ts';

/**
 * The SQL of the household import, and the region look-ups every import shares. Rows travel column-wise, one array parameter per column
 * turned back into rows by unnest() (as the seeder does), so a statement carries thousands of
 * rows with a dozen parameters and a batch costs a handful of round trips, not one per row.
 * Every statement is within one district (the tenant key is in every WHERE and every row).
 */
export interface GridRow {
  district_code: string;
  id: string;
  code: string;
  path: string;
}

export interface RegionRow extends GridRow {
  level: RegionLevel;
}

export interface ExistingHousehold extends HouseholdColumns {
  tag_levels: Record<string, string> | null;
  is_key: boolean;
}

export interface ExistingPerson extends PersonColumns {
  id_number_hash: Uint8Array | null;
  phone_hash: Uint8Array | null;
}

export interface HouseholdWrite extends HouseholdColumns {
  /** Canonical JSON (sorted keys), cast to jsonb in SQL. */
  tag_levels: string;
  is_key: boolean;
}

export interface PersonInsert extends PersonColumns {
  id_number_enc: Buffer | null;
  id_number_hash: Buffer | null;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
  phone_last4: string | null;
}

/** A changed person: the ID number never changes (it is the key); the phone only when flagged. */
export interface PersonUpdate extends PersonColumns {
  phone_changed: boolean;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
  phone_last4: string | null;
}

const HOUSEHOLD_COLUMNS = [
  ['id', 'uuid'],
  ['grid_id', 'uuid'],
  ['region_path', 'text'],
  ['code', 'varchar'],
  ['address', 'varchar'],
  ['estate', 'varchar'],
  ['building', 'varchar'],
  ['unit', 'varchar'],
  ['room', 'varchar'],
  ['tags', 'text[]'],
  ['tag_levels', 'text'],
  ['is_key', 'bool'],
  ['latitude', 'float8'],
  ['longitude', 'float8'],
] as const satisfies readonly (readonly [keyof HouseholdWrite, SqlType])[];

/** The columns every person write carries, and the encrypted phone with its lookup hash. */
const PERSON_COLUMNS = [
  ['id', 'uuid'],
  ['household_id', 'uuid'],
  ['name', 'varchar'],
  ['gender', 'varchar'],
  ['birth_date', 'date'],
  ['relationship', 'varchar'],
] as const satisfies readonly (readonly [keyof PersonColumns, SqlType])[];
const PHONE_COLUMNS = [
  ['phone_enc', 'bytea'],
  ['phone_hash', 'bytea'],
  ['phone_last4', 'varchar'],
] as const satisfies readonly (readonly [keyof PersonUpdate & keyof PersonInsert, SqlType])[];

const PERSON_INSERT_COLUMNS = [
  ...PERSON_COLUMNS,
  ['id_number_enc', 'bytea'],
  ['id_number_hash', 'bytea'],
  ...PHONE_COLUMNS,
] as const satisfies readonly (readonly [keyof PersonInsert, SqlType])[];

const PERSON_UPDATE_COLUMNS = [
  ...PERSON_COLUMNS,
  ['phone_changed', 'bool'],
  ...PHONE_COLUMNS,
] as const satisfies readonly (readonly [keyof PersonUpdate, SqlType])[];

export function createImportsRepository(db: Kysely<DB>) {
  /** Regions of these levels and codes, in one district or (to find the file's district) in any. */
  function findRegions(
    codes: readonly string[],
    levels: readonly RegionLevel[],
    districtCode?: string,
  ): Promise<RegionRow[]> {
    if (codes.length === 0) return Promise.resolve([]);
    let query = db
      .selectFrom('region')
      .select(['district_code', 'id', 'code', 'path', 'level'])
      .where('level', 'in', levels)
      .where('code', 'in', codes);
    if (districtCode !== undefined) query = query.where('district_code', '=', districtCode);
    return query.execute();
  }

  return {
    findRegions,

    /** Grid regions with these codes (households and enterprises sit in grids). */
    findGrids: (codes: readonly string[], districtCode?: string): Promise<GridRow[]> =>
      findRegions(codes, ['grid'], districtCode),

    async findHouseholds(districtCode: string, codes: string[]): Promise<ExistingHousehold[]> {
      if (codes.length === 0) return [];
      const { rows } = await sql<ExistingHousehold>`
        select id, code, grid_id, region_path, address, estate, building, unit, room, tags, tag_levels, is_key,
          latitude, longitude
        from household
        where district_code = ${districtCode} and code = any(${codes}::varchar[])`.execute(db);
      return rows;
    },

    async findPersonsByIdHash(districtCode: string, hashes: Buffer[]): Promise<ExistingPerson[]> {
      if (hashes.length === 0) return [];
      const { rows } = await sql<ExistingPerson>`
        select id, household_id, name, gender, birth_date, relationship, id_number_hash, phone_hash
        from person
        where district_code = ${districtCode} and id_number_hash = any(${hashes}::bytea[])`.execute(db);
      return rows;
    },

    /** Members without an ID number (foreign nationals) of these households. */
    async findPersonsWithoutId(districtCode: string, householdIds: string[]): Promise<ExistingPerson[]> {
      if (householdIds.length === 0) return [];
      const { rows } = await sql<ExistingPerson>`
        select id, household_id, name, gender, birth_date, relationship, id_number_hash, phone_hash
        from person
        where district_code = ${districtCode} and household_id = any(${householdIds}::uuid[])
          and id_number_hash is null`.execute(db);
      return rows;
    },

    async insertHouseholds(districtCode: string, rows: HouseholdWrite[]): Promise<void> {
      for (const chunk of chunks(rows)) {
        await sql`
          insert into household
            (district_code, id, grid_id, region_path, code, address, estate, building, unit, room, tags,
             tag_levels, is_key, latitude, longitude)
          select ${districtCode}, u.id, u.grid_id, u.region_path, u.code, u.address, u.estate,
            u.building, u.unit, u.room, ${textArray('u.tags')}, u.tag_levels::jsonb, u.is_key, u.latitude, u.longitude
          from ${unnestRows(chunk, HOUSEHOLD_COLUMNS)}`.execute(db);
      }
    },

    async updateHouseholds(districtCode: string, rows: HouseholdWrite[]): Promise<void> {
      for (const chunk of chunks(rows)) {
        await sql`
          update household as h set
            grid_id = u.grid_id, region_path = u.region_path, address = u.address, estate = u.estate,
            building = u.building, unit = u.unit, room = u.room, tags = ${textArray('u.tags')},
            tag_levels = u.tag_levels::jsonb, is_key = u.is_key, latitude = u.latitude,
            longitude = u.longitude, updated_at = now()
          from ${unnestRows(chunk, HOUSEHOLD_COLUMNS)}
          where h.district_code = ${districtCode} and h.id = u.id`.execute(db);
      }
    },

    async insertPersons(districtCode: string, rows: PersonInsert[]): Promise<void> {
      for (const chunk of chunks(rows)) {
        await sql`
          insert into person
            (district_code, id, household_id, name, gender, birth_date, relationship,
             id_number_enc, id_number_hash, phone_enc, phone_hash, phone_last4)
          select ${districtCode}, u.id, u.household_id, u.name, u.gender, u.birth_date, u.relationship,
            u.id_number_enc, u.id_number_hash, u.phone_enc, u.phone_hash, u.phone_last4
          from ${unnestRows(chunk, PERSON_INSERT_COLUMNS)}`.execute(db);
      }
    },

    /** Unchanged phones keep their ciphertext: re-encrypting would change it (random IV) for nothing. */
    async updatePersons(districtCode: string, rows: PersonUpdate[]): Promise<void> {
      for (const chunk of chunks(rows)) {
        await sql`
          update person as p set
            household_id = u.household_id, name = u.name, gender = u.gender, birth_date = u.birth_date,
            relationship = u.relationship,
            phone_enc = case when u.phone_changed then u.phone_enc else p.phone_enc end,
            phone_hash = case when u.phone_changed then u.phone_hash else p.phone_hash end,
            phone_last4 = case when u.phone_changed then u.phone_last4 else p.phone_last4 end,
            updated_at = now()
          from ${unnestRows(chunk, PERSON_UPDATE_COLUMNS)}
          where p.district_code = ${districtCode} and p.id = u.id`.execute(db);
      }
    },
  };
}

export type ImportsRepository = ReturnType<typeof createImportsRepository>;

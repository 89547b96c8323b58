import { type Kysely, type SqlBool, sql } from 'kysely';
import type { DB, RegionTable } from '../../db/schema.ts';
import { onSameDistrict } from '../auth/scope.ts';
import type { EnterpriseValues } from '../enterprises/enterprises.repository.ts';
import type { HouseholdColumns, PersonColumns } from '../households/households.repository.ts';
import { type ExportFilter, underAny } from './exports.repository.ts';

/**
 * The rows of exports, read page by key (never OFFSET, never one huge result) within one
 * district. Rows are fetched for a batch of exact region paths (or ids) at a time, found first
 * with one small query on the hierarchy: equality on the indexed path keeps every plan on the
 * index whether or not the tables have statistics (PGlite never runs autovacuum's ANALYZE).
 */

/** A row's place in a batch's order: (region path, code, id). */
export type RowKey = [string, string, string];

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const after = (key: RowKey | null) =>
  sql`(${key?.[0] ?? ''}, ${key?.[1] ?? ''}, ${key?.[2] ?? NIL_UUID}::uuid)`;
/** The filter's tag, when it names one, among a row's tags. */
const withTag = (tags: string, tag: string | undefined) =>
  tag === undefined ? sql<SqlBool>`true` : sql<SqlBool>`${tag} = any(${sql.ref(tags)})`;

export interface RegionExportRow {
  id: string;
  level: RegionTable['level'];
  code: string;
  name: string;
  kind: string | null;
  path: string;
  sort_order: number;
}

export interface HouseholdExportRow extends HouseholdColumns {
  tag_levels: Record<string, string> | null;
}

export interface PersonExportRow extends Omit<PersonColumns, 'id'> {
  id_number_enc: Uint8Array | null;
  phone_enc: Uint8Array | null;
}

export interface EnterpriseExportRow extends Omit<EnterpriseValues, 'contact_phone_hash'> {
  id: string;
  liaison_username: string | null;
}

export interface StaffExportRow {
  id: string;
  region_id: string;
  code: string | null;
  name: string;
  post: string;
  phone_enc: Uint8Array | null;
}

export function createExportRowsRepository(db: Kysely<DB>) {
  const count = async (query: { executeTakeFirst(): Promise<{ n: number } | undefined> }) =>
    Number((await query.executeTakeFirst())?.n ?? 0);

  return {
    /** The hierarchy below the filter's paths (the roots included), parents before children. */
    regionsUnder(filter: ExportFilter, key: string | null, limit: number): Promise<RegionExportRow[]> {
      if (filter.paths.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('region')
        .select(['id', 'level', 'code', 'name', 'kind', 'path', 'sort_order'])
        .where('district_code', '=', filter.districtCode)
        .where((eb) => underAny(eb, 'path', filter.paths))
        .where('path', '>', key ?? '')
        .orderBy('path')
        .limit(limit)
        .execute();
    },

    countRegions(filter: ExportFilter): Promise<number> {
      if (filter.paths.length === 0) return Promise.resolve(0);
      return count(
        db
          .selectFrom('region')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('district_code', '=', filter.districtCode)
          .where((eb) => underAny(eb, 'path', filter.paths)),
      );
    },

    /** Rows a household export writes: one per live member, one for a household without members. */
    countHouseholdRows(filter: ExportFilter): Promise<number> {
      if (filter.paths.length === 0) return Promise.resolve(0);
      return count(
        db
          .selectFrom('household as h')
          .leftJoin('person as p', (j) =>
            j
              .onRef('p.district_code', '=', 'h.district_code')
              .onRef('p.household_id', '=', 'h.id')
              .on('p.removed_at', 'is', null),
          )
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('h.district_code', '=', filter.districtCode)
          .where('h.removed_at', 'is', null)
          .where(withTag('h.tags', filter.tag))
          .where((eb) => underAny(eb, 'h.region_path', filter.paths)),
      );
    },

    /** Live households at these exact region paths, after `key` in (region path, code, id). */
    async householdPage(
      districtCode: string,
      paths: string[],
      key: RowKey | null,
      limit: number,
      tag?: string,
    ): Promise<HouseholdExportRow[]> {
      const { rows } = await sql<HouseholdExportRow>`
        select h.id, h.region_path, h.grid_id, h.code, h.address, h.estate, h.building, h.unit, h.room,
          h.tags, h.tag_levels, h.latitude, h.longitude
        from household h
        where h.district_code = ${districtCode} and h.region_path = any(${paths}::text[])
          and h.removed_at is null and ${withTag('h.tags', tag)} and (h.region_path, h.code, h.id) > ${after(key)}
        order by h.region_path, h.code, h.id
        limit ${limit}`.execute(db);
      return rows;
    },

    /**
     * Live members of the households in (key, last] of the same order, the head of household
     * first, then by age: one join from the household page into the person index.
     */
    async membersOfPage(
      districtCode: string,
      paths: string[],
      key: RowKey | null,
      last: RowKey,
      tag?: string,
    ): Promise<PersonExportRow[]> {
      const { rows } = await sql<PersonExportRow>`
        select p.household_id, p.name, p.gender, p.birth_date, p.relationship, p.id_number_enc, p.phone_enc
        from household h
        join person p on p.district_code = h.district_code and p.household_id = h.id
        where h.district_code = ${districtCode} and h.region_path = any(${paths}::text[])
          and h.removed_at is null and p.removed_at is null and ${withTag('h.tags', tag)}
          and (h.region_path, h.code, h.id) > ${after(key)}
          and (h.region_path, h.code, h.id) <= ${after(last)}
        order by p.household_id, case when p.relationship = '户主' then 0 else 1 end, p.birth_date, p.id`.execute(
        db,
      );
      return rows;
    },

    countEnterprises(filter: ExportFilter): Promise<number> {
      if (filter.paths.length === 0) return Promise.resolve(0);
      return count(
        db
          .selectFrom('enterprise')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('district_code', '=', filter.districtCode)
          .where('removed_at', 'is', null)
          .where(withTag('tags', filter.tag))
          .where((eb) => underAny(eb, 'region_path', filter.paths)),
      );
    },

    /** Live enterprises at these exact region paths, after `key` in (region path, credit code, id). */
    async enterprisePage(
      districtCode: string,
      paths: string[],
      key: RowKey | null,
      limit: number,
      tag?: string,
    ): Promise<EnterpriseExportRow[]> {
      const { rows } = await sql<EnterpriseExportRow>`
        select e.id, e.region_path, e.grid_id, e.name, e.credit_code, e.address, e.tags, e.contact_name,
          e.contact_phone_enc, e.latitude, e.longitude, u.username as liaison_username
        from enterprise e
        left join app_user u on u.district_code = e.district_code and u.id = e.liaison_user_id
        where e.district_code = ${districtCode} and e.region_path = any(${paths}::text[])
          and e.removed_at is null and ${withTag('e.tags', tag)}
          and (e.region_path, e.credit_code, e.id) > ${after(key)}
        order by e.region_path, e.credit_code, e.id
        limit ${limit}`.execute(db);
      return rows;
    },

    countStaff(filter: ExportFilter): Promise<number> {
      if (filter.paths.length === 0) return Promise.resolve(0);
      return count(
        db
          .selectFrom('staff as s')
          .innerJoin('region as r', onSameDistrict('r.id', 's.region_id'))
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('s.district_code', '=', filter.districtCode)
          .where((eb) => underAny(eb, 'r.path', filter.paths)),
      );
    },

    /** Staff of these regions, after `key` in (region id, staff number, id). */
    async staffPage(
      districtCode: string,
      regionIds: string[],
      key: RowKey | null,
      limit: number,
    ): Promise<StaffExportRow[]> {
      const { rows } = await sql<StaffExportRow>`
        select s.id, s.region_id, s.code, s.name, s.post, s.phone_enc
        from staff s
        where s.district_code = ${districtCode} and s.region_id = any(${regionIds}::uuid[])
          and (s.region_id::text, coalesce(s.code, ''), s.id) > ${after(key)}
        order by s.region_id::text, coalesce(s.code, ''), s.id
        limit ${limit}`.execute(db);
      return rows;
    },
  };
}

export type ExportRowsRepository = ReturnType<typeof createExportRowsRepository>;

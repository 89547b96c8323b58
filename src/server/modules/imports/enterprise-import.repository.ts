import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { chunks, type SqlType, textArray, unnestRows } from '../../db/unnest.ts';

/** The SQL of the enterprise import, within one district; rows travel column-wise (unnest.ts). */
export interface ExistingEnterprise {
  id: string;
  credit_code: string;
  grid_id: string;
  region_path: string;
  name: string;
  address: string;
  tags: string[];
  contact_name: string | null;
  contact_phone_hash: Uint8Array | null;
  liaison_user_id: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface EnterpriseWrite {
  id: string;
  grid_id: string;
  region_path: string;
  name: string;
  credit_code: string;
  address: string;
  tags: string[];
  contact_name: string | null;
  /** On update, the phone columns are written only when this is set. */
  contact_phone_changed: boolean;
  contact_phone_enc: Buffer | null;
  contact_phone_hash: Buffer | null;
  contact_phone_last4: string | null;
  liaison_user_id: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface LiaisonCandidate {
  id: string;
  username: string;
  active: boolean;
  is_liaison: boolean;
}

const COLUMNS = [
  ['id', 'uuid'],
  ['grid_id', 'uuid'],
  ['region_path', 'text'],
  ['name', 'varchar'],
  ['credit_code', 'varchar'],
  ['address', 'varchar'],
  ['tags', 'text[]'],
  ['contact_name', 'varchar'],
  ['contact_phone_changed', 'bool'],
  ['contact_phone_enc', 'bytea'],
  ['contact_phone_hash', 'bytea'],
  ['contact_phone_last4', 'varchar'],
  ['liaison_user_id', 'uuid'],
  ['latitude', 'float8'],
  ['longitude', 'float8'],
] as const satisfies readonly (readonly [keyof EnterpriseWrite, SqlType])[];

export function createEnterpriseImportRepository(db: Kysely<DB>) {
  return {
    async findByCreditCodes(districtCode: string, codes: readonly string[]): Promise<ExistingEnterprise[]> {
      if (codes.length === 0) return [];
      const { rows } = await sql<ExistingEnterprise>`
        select id, credit_code, grid_id, region_path, name, address, tags, contact_name, contact_phone_hash,
          liaison_user_id, latitude, longitude
        from enterprise
        where district_code = ${districtCode} and credit_code = any(${[...codes]}::varchar[])`.execute(db);
      return rows;
    },

    /** Accounts with these usernames, whether active and whether they hold the liaison role. */
    async findLiaisonCandidates(
      districtCode: string,
      usernames: readonly string[],
    ): Promise<LiaisonCandidate[]> {
      if (usernames.length === 0) return [];
      const { rows } = await sql<LiaisonCandidate>`
        select u.id, u.username, u.active,
          exists (select 1 from role_grant g
                  where g.district_code = u.district_code and g.user_id = u.id and g.role = 'liaison') as is_liaison
        from app_user u
        where u.district_code = ${districtCode} and u.username = any(${[...usernames]}::varchar[])`.execute(
        db,
      );
      return rows;
    },

    async insert(districtCode: string, rows: readonly EnterpriseWrite[]): Promise<void> {
      for (const chunk of chunks(rows)) {
        await sql`
          insert into enterprise
            (district_code, id, grid_id, region_path, name, credit_code, address, tags, contact_name,
             contact_phone_enc, contact_phone_hash, contact_phone_last4, liaison_user_id, latitude, longitude)
          select ${districtCode}, u.id, u.grid_id, u.region_path, u.name, u.credit_code, u.address, ${textArray('u.tags')},
            u.contact_name, u.contact_phone_enc, u.contact_phone_hash, u.contact_phone_last4, u.liaison_user_id,
            u.latitude, u.longitude
          from ${unnestRows(chunk, COLUMNS)}`.execute(db);
      }
    },

    /** Unchanged phones keep their ciphertext: re-encrypting would change it (random IV) for nothing. */
    async update(districtCode: string, rows: readonly EnterpriseWrite[]): Promise<void> {
      for (const chunk of chunks(rows)) {
        await sql`
          update enterprise as e set
            grid_id = u.grid_id, region_path = u.region_path, name = u.name, address = u.address,
            tags = ${textArray('u.tags')}, contact_name = u.contact_name,
            contact_phone_enc = case when u.contact_phone_changed then u.contact_phone_enc else e.contact_phone_enc end,
            contact_phone_hash = case when u.contact_phone_changed then u.contact_phone_hash else e.contact_phone_hash end,
            contact_phone_last4 = case when u.contact_phone_changed then u.contact_phone_last4 else e.contact_phone_last4 end,
            liaison_user_id = u.liaison_user_id, latitude = u.latitude, longitude = u.longitude,
            updated_at = now()
          from ${unnestRows(chunk, COLUMNS)}
          where e.district_code = ${districtCode} and e.id = u.id`.execute(db);
      }
    },
  };
}

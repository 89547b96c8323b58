import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { chunks, type SqlType, unnestRows } from '../../db/unnest.ts';

/** The SQL of the staff import, within one district; rows travel column-wise (unnest.ts). */
export interface ExistingStaff {
  id: string;
  code: string;
  region_id: string;
  name: string;
  post: string;
  phone_hash: Uint8Array | null;
}

export interface StaffWrite {
  id: string;
  code: string;
  region_id: string;
  name: string;
  post: string;
  /** On update, the phone columns are written only when this is set. */
  phone_changed: boolean;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
}

const COLUMNS = [
  ['id', 'uuid'],
  ['code', 'varchar'],
  ['region_id', 'uuid'],
  ['name', 'varchar'],
  ['post', 'varchar'],
  ['phone_changed', 'bool'],
  ['phone_enc', 'bytea'],
  ['phone_hash', 'bytea'],
] as const satisfies readonly (readonly [keyof StaffWrite, SqlType])[];

export function createStaffImportRepository(db: Kysely<DB>) {
  return {
    async findByCodes(districtCode: string, codes: readonly string[]): Promise<ExistingStaff[]> {
      if (codes.length === 0) return [];
      const { rows } = await sql<ExistingStaff>`
        select id, code, region_id, name, post, phone_hash
        from staff
        where district_code = ${districtCode} and code = any(${[...codes]}::varchar[])`.execute(db);
      return rows;
    },

    async insert(districtCode: string, rows: readonly StaffWrite[]): Promise<void> {
      for (const chunk of chunks(rows)) {
        await sql`
          insert into staff (district_code, id, code, region_id, name, post, phone_enc, phone_hash)
          select ${districtCode}, u.id, u.code, u.region_id, u.name, u.post, u.phone_enc, u.phone_hash
          from ${unnestRows(chunk, COLUMNS)}`.execute(db);
      }
    },

    async update(districtCode: string, rows: readonly StaffWrite[]): Promise<void> {
      for (const chunk of chunks(rows)) {
        await sql`
          update staff as s set
            region_id = u.region_id, name = u.name, post = u.post,
            phone_enc = case when u.phone_changed then u.phone_enc else s.phone_enc end,
            phone_hash = case when u.phone_changed then u.phone_hash else s.phone_hash end,
            updated_at = now()
          from ${unnestRows(chunk, COLUMNS)}
          where s.district_code = ${districtCode} and s.id = u.id`.execute(db);
      }
    },
  };
}

import { type Kysely, sql } from 'kysely';
import type { RegionLevel } from '../../../shared/domain/region.ts';
import type { DB } from '../../db/schema.ts';
import { chunks, type SqlType, unnestRows } from '../../db/unnest.ts';
import { bumpAuthEpoch } from '../auth/auth.repository.ts';

/** The SQL of the hierarchy import, within one district. */
export interface ExistingRegion {
  id: string;
  code: string;
  level: RegionLevel;
  path: string;
  name: string;
  kind: string | null;
  sort_order: number;
  parent_id: string | null;
  parent_code: string | null;
}

export interface RegionInsert {
  id: string;
  parent_id: string | null;
  level: RegionLevel;
  code: string;
  name: string;
  kind: string | null;
  path: string;
  sort_order: number;
}

export interface RegionUpdate {
  id: string;
  name: string;
  kind: string | null;
  sort_order: number;
}

const INSERT_COLUMNS = [
  ['id', 'uuid'],
  ['parent_id', 'uuid'],
  ['level', 'varchar'],
  ['code', 'varchar'],
  ['name', 'varchar'],
  ['kind', 'varchar'],
  ['path', 'text'],
  ['sort_order', 'int4'],
] as const satisfies readonly (readonly [keyof RegionInsert, SqlType])[];

const UPDATE_COLUMNS = [
  ['id', 'uuid'],
  ['name', 'varchar'],
  ['kind', 'varchar'],
  ['sort_order', 'int4'],
] as const satisfies readonly (readonly [keyof RegionUpdate, SqlType])[];

export function createRegionImportRepository(db: Kysely<DB>) {
  return {
    /** The nodes with these codes, each with its parent's code. */
    async findByCodes(districtCode: string, codes: readonly string[]): Promise<ExistingRegion[]> {
      if (codes.length === 0) return [];
      const { rows } = await sql<ExistingRegion>`
        select r.id, r.code, r.level, r.path, r.name, r.kind, r.sort_order, r.parent_id, p.code as parent_code
        from region r
        left join region p on p.district_code = r.district_code and p.id = r.parent_id
        where r.district_code = ${districtCode} and r.code = any(${[...codes]}::varchar[])`.execute(db);
      return rows;
    },

    /** Level by level, so every parent row exists before the statement that adds its children. */
    async insert(districtCode: string, rows: readonly RegionInsert[]): Promise<void> {
      const levels: RegionLevel[] = ['district', 'street', 'community', 'grid', 'micro_grid'];
      for (const level of levels) {
        for (const chunk of chunks(rows.filter((r) => r.level === level))) {
          await sql`
            insert into region (district_code, id, parent_id, level, code, name, kind, path, sort_order)
            select ${districtCode}, u.id, u.parent_id, u.level, u.code, u.name, u.kind, u.path, u.sort_order
            from ${unnestRows(chunk, INSERT_COLUMNS)}`.execute(db);
        }
      }
    },

    async update(districtCode: string, rows: readonly RegionUpdate[]): Promise<void> {
      for (const chunk of chunks(rows)) {
        await sql`
          update region as r set name = u.name, kind = u.kind, sort_order = u.sort_order, updated_at = now()
          from ${unnestRows(chunk, UPDATE_COLUMNS)}
          where r.district_code = ${districtCode} and r.id = u.id`.execute(db);
      }
      // Renamed regions name grants' scopes: signed-in principals must resolve again.
      if (rows.length > 0) await bumpAuthEpoch(db, districtCode);
    },
  };
}

import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { chunks, type SqlType, unnestRows } from '../db/unnest.ts';

/**
 * All SQL of the visit seeder (seed/visits.ts): the households and visiting accounts of a district,
 * the column-wise bulk inserts of visits and their visitors, each household's last visit, and the
 * secondary indexes of the diary, set aside during a large load and built again after it. Types
 * the unnest helper lacks (timestamptz, float8, jsonb) travel as text and are cast in the select.
 */
const VISIT_COLUMNS = {
  district_code: 'varchar',
  id: 'uuid',
  form: 'varchar',
  target_type: 'varchar',
  household_id: 'uuid',
  region_id: 'uuid',
  region_path: 'varchar',
  started_at: 'text',
  ended_at: 'text',
  is_night: 'bool',
  latitude: 'text',
  longitude: 'text',
  distance_m: 'int4',
  far: 'bool',
  notes: 'text',
  services: 'text',
  recorded_by: 'uuid',
  created_at: 'text',
} as const satisfies Record<string, SqlType>;

const VISITOR_COLUMNS = {
  district_code: 'varchar',
  visit_id: 'uuid',
  user_id: 'uuid',
  started_at: 'text',
} as const satisfies Record<string, SqlType>;

const CASTS: Record<string, string> = {
  latitude: 'float8',
  longitude: 'float8',
  started_at: 'timestamptz',
  ended_at: 'timestamptz',
  created_at: 'timestamptz',
  services: 'jsonb',
};

type Value<T extends SqlType> = T extends 'int4'
  ? number
  : T extends 'bool'
    ? boolean
    : T extends 'bytea'
      ? Uint8Array
      : string;

/** A generated visit: timestamps as ISO strings, coordinates as decimal strings, services as JSON. */
export type SeedVisitRow = { [C in keyof typeof VISIT_COLUMNS]: Value<(typeof VISIT_COLUMNS)[C]> | null };
export type SeedVisitorRow = { [C in keyof typeof VISITOR_COLUMNS]: Value<(typeof VISITOR_COLUMNS)[C]> };

/** The diary's tables whose secondary indexes a large load sets aside. */
const DIARY_TABLES = ['visit', 'visit_visitor'] as const;

/** A secondary index (not backing a constraint) by name, with the statement that creates it. */
export interface IndexDefinition {
  name: string;
  definition: string;
}

async function insertColumnWise(
  db: Kysely<DB>,
  table: 'visit' | 'visit_visitor',
  spec: Record<string, SqlType>,
  rows: readonly object[],
): Promise<void> {
  const columns = Object.entries(spec) as [string, SqlType][];
  const names = sql.join(columns.map(([name]) => sql.ref(name)));
  const selected = sql.join(
    columns.map(([name]) => {
      const cast = CASTS[name];
      return cast ? sql`${sql.ref(`u.${name}`)}::${sql.raw(cast)}` : sql.ref(`u.${name}`);
    }),
  );
  for (const chunk of chunks(rows as Record<string, unknown>[])) {
    await sql`insert into ${sql.table(table)} (${names})
      select ${selected} from ${unnestRows(chunk, columns)}`.execute(db);
  }
}

export function createVisitSeedRepository(db: Kysely<DB>) {
  return {
    /** Households still on the register, in id order, `limit` at a time after `afterId`. */
    households(districtCode: string, afterId: string | null, limit: number) {
      let query = db
        .selectFrom('household')
        .select(['id', 'grid_id', 'region_path', 'is_key'])
        .where('district_code', '=', districtCode)
        .where('removed_at', 'is', null);
      if (afterId !== null) query = query.where('id', '>', afterId);
      return query.orderBy('id').limit(limit).execute();
    },

    /** Accounts with their roles and the path of each grant's region (null: district-wide). */
    grants(districtCode: string) {
      return db
        .selectFrom('app_user as u')
        .innerJoin('role_grant as g', (j) =>
          j.onRef('g.district_code', '=', 'u.district_code').onRef('g.user_id', '=', 'u.id'),
        )
        .leftJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'g.district_code').onRef('r.id', '=', 'g.scope_region_id'),
        )
        .select(['u.id', 'u.username', 'g.role', 'r.path'])
        .where('u.district_code', '=', districtCode)
        .where('u.active', '=', true)
        .where('g.scope_department_id', 'is', null)
        .orderBy('u.username')
        .orderBy('g.role')
        .execute();
    },

    async hasVisits(districtCode: string): Promise<boolean> {
      const row = await db
        .selectFrom('visit')
        .select('id')
        .where('district_code', '=', districtCode)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Visits first, then who went (foreign keys), in the caller's transaction if any. */
    async insert(visits: readonly SeedVisitRow[], visitors: readonly SeedVisitorRow[]): Promise<void> {
      await insertColumnWise(db, 'visit', VISIT_COLUMNS, visits);
      await insertColumnWise(db, 'visit_visitor', VISITOR_COLUMNS, visitors);
    },

    /** Sets each household's last visit (ISO timestamps), a few thousand per statement. */
    async setLastVisits(districtCode: string, ids: readonly string[], lastVisitAt: readonly string[]) {
      const rows = ids.map((id, i) => ({ id, last_visit_at: lastVisitAt[i] as string }));
      for (const chunk of chunks(rows)) {
        // Typed in the array parameter, not cast per row: Citus refuses a stable cast of a column in an UPDATE.
        await sql`update household as h set last_visit_at = u.last_visit_at
          from ${unnestRows(chunk, [
            ['id', 'uuid'],
            ['last_visit_at', 'timestamptz'],
          ])}
          where h.district_code = ${districtCode} and h.id = u.id`.execute(db);
      }
    },

    /** The diary's secondary indexes (those that back no constraint), to build again later. */
    async secondaryIndexes(): Promise<IndexDefinition[]> {
      const result = await sql<{ name: string; definition: string }>`
        select i.indexname as name, i.indexdef as definition
        from pg_indexes i
        where i.schemaname = current_schema()
          and i.tablename in (${sql.join(DIARY_TABLES.map((t) => sql.lit(t)))})
          and not exists (
            select 1 from pg_constraint c where c.conname = i.indexname
          )
        order by i.indexname`.execute(db);
      return result.rows;
    },

    async dropIndexes(indexes: readonly IndexDefinition[]): Promise<void> {
      for (const index of indexes) await sql`drop index if exists ${sql.ref(index.name)}`.execute(db);
    },

    /**
     * Builds the indexes again, each with the statement that first created it, `parallel` at a
     * time, each on its own connection with more sort memory than a session's default.
     */
    async createIndexes(indexes: readonly IndexDefinition[], parallel = 1): Promise<void> {
      const queue = [...indexes];
      const build = () =>
        db.connection().execute(async (conn) => {
          await sql`set maintenance_work_mem = '256MB'`.execute(conn);
          try {
            for (let index = queue.shift(); index; index = queue.shift()) {
              await sql.raw(index.definition).execute(conn);
            }
          } finally {
            await sql`reset maintenance_work_mem`.execute(conn);
          }
        });
      await Promise.all(Array.from({ length: Math.max(1, parallel) }, build));
    },
  };
}

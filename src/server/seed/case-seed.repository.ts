import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { chunks, type SqlType, unnestRows } from '../db/unnest.ts';

/**
 * All SQL of the case seeder (seed/cases.ts): what a district already holds that generated cases
 * refer to (grids, categories, departments, accounts), and the column-wise bulk inserts of cases
 * and their events. Types the unnest helper lacks (timestamptz, float8, smallint, jsonb) travel
 * as text or int4 and are cast in the select.
 */
const CASE_COLUMNS = {
  district_code: 'varchar',
  id: 'uuid',
  number: 'varchar',
  channel: 'varchar',
  category_id: 'uuid',
  kind: 'varchar',
  urgency: 'varchar',
  list_type: 'varchar',
  title: 'varchar',
  description: 'text',
  region_id: 'uuid',
  region_path: 'varchar',
  address: 'varchar',
  latitude: 'text',
  longitude: 'text',
  reporter_type: 'varchar',
  reporter_name: 'varchar',
  reporter_phone_enc: 'bytea',
  reporter_phone_hash: 'bytea',
  state: 'varchar',
  level: 'int4',
  intake_level: 'int4',
  unit_level: 'int4',
  unit_department_id: 'uuid',
  unit_region_id: 'uuid',
  unit_region_path: 'varchar',
  first_responder_id: 'uuid',
  submitted_by: 'uuid',
  on_spot: 'bool',
  reopen_count: 'int4',
  latest_rating: 'varchar',
  overdue: 'bool',
  supervised: 'bool',
  next_due_at: 'text',
  merged_into_id: 'uuid',
  version: 'int4',
  created_at: 'text',
  updated_at: 'text',
  accepted_at: 'text',
  replied_at: 'text',
  closed_at: 'text',
  last_progress_at: 'text',
} as const satisfies Record<string, SqlType>;

const EVENT_COLUMNS = {
  district_code: 'varchar',
  id: 'uuid',
  case_id: 'uuid',
  seq: 'int4',
  action: 'varchar',
  from_state: 'varchar',
  to_state: 'varchar',
  actor_id: 'uuid',
  actor_name: 'varchar',
  reason: 'text',
  detail: 'text',
  created_at: 'text',
} as const satisfies Record<string, SqlType>;

const CASTS: Record<string, string> = {
  latitude: 'float8',
  longitude: 'float8',
  level: 'smallint',
  intake_level: 'smallint',
  unit_level: 'smallint',
  next_due_at: 'timestamptz',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
  accepted_at: 'timestamptz',
  replied_at: 'timestamptz',
  closed_at: 'timestamptz',
  last_progress_at: 'timestamptz',
  detail: 'jsonb',
};

type Value<T extends SqlType> = T extends 'int4'
  ? number
  : T extends 'bool'
    ? boolean
    : T extends 'bytea'
      ? Uint8Array
      : string;

/** A generated case row: timestamps as ISO strings, coordinates as decimal strings. */
export type SeedCaseRow = { [C in keyof typeof CASE_COLUMNS]: Value<(typeof CASE_COLUMNS)[C]> | null };
/** A generated timeline row; `detail` is JSON text. */
export type SeedCaseEventRow = { [C in keyof typeof EVENT_COLUMNS]: Value<(typeof EVENT_COLUMNS)[C]> | null };

async function insertColumnWise(
  db: Kysely<DB>,
  table: 'case_record' | 'case_event',
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

export function createCaseSeedRepository(db: Kysely<DB>) {
  return {
    /** Every grid of the district with its path (street and community are path prefixes). */
    grids(districtCode: string) {
      return db
        .selectFrom('region')
        .select(['id', 'path', 'name'])
        .where('district_code', '=', districtCode)
        .where('level', '=', 'grid')
        .orderBy('path')
        .execute();
    },

    /** Streets and communities, for unit names and paths. */
    streetsAndCommunities(districtCode: string) {
      return db
        .selectFrom('region')
        .select(['id', 'path', 'name', 'level', 'code'])
        .where('district_code', '=', districtCode)
        .where('level', 'in', ['street', 'community'])
        .orderBy('path')
        .execute();
    },

    /** Active categories with their own owner and their parent's (a leaf inherits its top's). */
    categories(districtCode: string) {
      return db
        .selectFrom('case_category as c')
        .leftJoin('case_category as p', (j) =>
          j.onRef('p.district_code', '=', 'c.district_code').onRef('p.id', '=', 'c.parent_id'),
        )
        .select([
          'c.id',
          'c.code',
          'c.name',
          'c.parent_id',
          'c.department_id',
          'p.department_id as parent_department_id',
        ])
        .where('c.district_code', '=', districtCode)
        .where('c.active', '=', true)
        .orderBy('c.path')
        .execute();
    },

    departments(districtCode: string) {
      return db
        .selectFrom('department')
        .select(['id', 'code', 'name', 'level', 'region_id'])
        .where('district_code', '=', districtCode)
        .orderBy('code')
        .execute();
    },

    /**
     * The accounts that may appear on a case's timeline, by username for a stable order; the
     * deactivated ones too (cases.ts lets them stand only in a unit's history).
     */
    users(districtCode: string) {
      return db
        .selectFrom('app_user')
        .select(['id', 'display_name', 'active'])
        .where('district_code', '=', districtCode)
        .orderBy('username')
        .execute();
    },

    /** Their grants: the role, and the region path (null: the district) or department it stands on. */
    grants(districtCode: string) {
      return db
        .selectFrom('role_grant as g')
        .leftJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'g.district_code').onRef('r.id', '=', 'g.scope_region_id'),
        )
        .select(['g.user_id', 'g.role', 'r.path', 'g.scope_department_id'])
        .where('g.district_code', '=', districtCode)
        .orderBy('g.user_id')
        .orderBy('g.role')
        .execute();
    },

    async hasCases(districtCode: string): Promise<boolean> {
      const row = await db
        .selectFrom('case_record')
        .select('id')
        .where('district_code', '=', districtCode)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Cases first, then their events (foreign keys), in the caller's transaction if any. */
    async insert(cases: readonly SeedCaseRow[], events: readonly SeedCaseEventRow[]): Promise<void> {
      await insertColumnWise(db, 'case_record', CASE_COLUMNS, cases);
      await insertColumnWise(db, 'case_event', EVENT_COLUMNS, events);
    },

    /** Moves the number counter of each year past the generated numbers, so intake never reuses one. */
    async advanceCounters(districtCode: string, nextSeqByYear: ReadonlyMap<number, number>): Promise<void> {
      for (const [year, nextSeq] of nextSeqByYear) {
        await db
          .insertInto('case_counter')
          .values({ district_code: districtCode, year, next_seq: nextSeq })
          .onConflict((oc) =>
            oc
              .columns(['district_code', 'year'])
              .doUpdateSet({ next_seq: sql`greatest(case_counter.next_seq, excluded.next_seq)` }),
          )
          .execute();
      }
    },
  };
}

import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { chunks, type SqlType, textArray, unnestRows } from '../db/unnest.ts';

/**
 * All SQL of the seeder. Rows go in column-wise: one array parameter per column, turned back
 * into rows by unnest(), so a statement carries thousands of rows with a dozen parameters.
 * Multi-row VALUES needs a bind parameter per value (PostgreSQL allows 65,535, i.e. ~5,900
 * person rows) and measured about a quarter slower on PGlite; unnest is plain PostgreSQL that
 * every engine of the portable subset accepts.
 */
// Column order and SQL types of each table the seeder fills (created_at/updated_at take defaults).
const TABLES = {
  region: {
    district_code: 'varchar',
    id: 'uuid',
    parent_id: 'uuid',
    level: 'varchar',
    code: 'varchar',
    name: 'varchar',
    kind: 'varchar',
    path: 'text',
    sort_order: 'int4',
  },
  household: {
    district_code: 'varchar',
    id: 'uuid',
    grid_id: 'uuid',
    region_path: 'text',
    code: 'varchar',
    address: 'varchar',
    estate: 'varchar',
    building: 'varchar',
    unit: 'varchar',
    room: 'varchar',
    tags: 'text[]',
    latitude: 'float8',
    longitude: 'float8',
  },
  person: {
    district_code: 'varchar',
    id: 'uuid',
    household_id: 'uuid',
    name: 'varchar',
    gender: 'varchar',
    birth_date: 'date',
    relationship: 'varchar',
    id_number_enc: 'bytea',
    id_number_hash: 'bytea',
    phone_enc: 'bytea',
    phone_hash: 'bytea',
    phone_last4: 'varchar',
  },
  enterprise: {
    district_code: 'varchar',
    id: 'uuid',
    grid_id: 'uuid',
    region_path: 'text',
    name: 'varchar',
    credit_code: 'varchar',
    address: 'varchar',
    tags: 'text[]',
    contact_name: 'varchar',
    contact_phone_enc: 'bytea',
    contact_phone_hash: 'bytea',
    contact_phone_last4: 'varchar',
    latitude: 'float8',
    longitude: 'float8',
  },
  staff: {
    district_code: 'varchar',
    id: 'uuid',
    region_id: 'uuid',
    code: 'varchar',
    name: 'varchar',
    post: 'varchar',
    phone_enc: 'bytea',
    phone_hash: 'bytea',
  },
} as const satisfies Record<string, Record<string, SqlType>>;

export type SeedTable = keyof typeof TABLES;

type SqlValue<T extends SqlType> = T extends 'int4' | 'float8'
  ? number
  : T extends 'bytea'
    ? Uint8Array
    : T extends 'text[]'
      ? string[]
      : string;

/** A row of a seeded table: every listed column, null where the column allows it. */
export type SeedRow<T extends SeedTable> = {
  [C in keyof (typeof TABLES)[T]]: SqlValue<(typeof TABLES)[T][C] & SqlType> | null;
};

export type SeedRows = { [T in SeedTable]?: SeedRow<T>[] };

// Parents before children, for the foreign keys.
const TABLE_ORDER: readonly SeedTable[] = ['region', 'household', 'person', 'enterprise', 'staff'];

async function insertColumnWise<T extends SeedTable>(
  db: Kysely<DB>,
  table: T,
  rows: SeedRow<T>[],
): Promise<void> {
  const columns = Object.entries(TABLES[table]) as [string, SqlType][];
  const names = sql.join(columns.map(([name]) => sql.ref(name)));
  const selected = sql.join(
    columns.map(([name, type]) => (type === 'text[]' ? textArray(`u.${name}`) : sql.ref(`u.${name}`))),
  );
  for (const chunk of chunks(rows as Record<string, unknown>[])) {
    await sql`insert into ${sql.table(table)} (${names})
      select ${selected} from ${unnestRows(chunk, columns)}`.execute(db);
  }
}

export function createSeedRepository(db: Kysely<DB>) {
  return {
    /** The street and its communities in code order: the scopes of the demo accounts. */
    streetAndCommunities(districtCode: string) {
      return db
        .selectFrom('region')
        .select(['id', 'level', 'name', 'code'])
        .where('district_code', '=', districtCode)
        .where('level', 'in', ['street', 'community'])
        .orderBy('level', 'desc')
        .orderBy('code')
        .execute();
    },

    /** The id of the district's department with this code, if it exists. */
    async departmentId(districtCode: string, code: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('department')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('code', '=', code)
        .executeTakeFirst();
      return row?.id;
    },

    /** Makes `userId` the liaison of the district's enterprises carrying any of `tags`. */
    async assignLiaison(districtCode: string, userId: string, tags: readonly string[]): Promise<void> {
      await db
        .updateTable('enterprise')
        .set({ liaison_user_id: userId })
        .where('district_code', '=', districtCode)
        .where(sql<boolean>`tags && ${sql.val([...tags])}::text[]`)
        .execute();
    },

    async hasRegions(): Promise<boolean> {
      const row = await db.selectFrom('region').select('id').limit(1).executeTakeFirst();
      return row !== undefined;
    },

    /** Inserts a group of rows of several tables atomically (in the caller's transaction, if any). */
    async insert(rows: SeedRows): Promise<void> {
      const insertAll = async (executor: Kysely<DB>) => {
        for (const table of TABLE_ORDER) {
          const list = rows[table];
          if (list && list.length > 0)
            await insertColumnWise(executor, table, list as SeedRow<typeof table>[]);
        }
      };
      if (db.isTransaction) await insertAll(db);
      else await db.transaction().execute(insertAll);
    },
  };
}

export type SeedRepository = ReturnType<typeof createSeedRepository>;

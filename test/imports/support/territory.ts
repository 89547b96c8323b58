import { sql } from 'kysely';
import { createPiiCipher } from '../../../src/server/crypto/pii.ts';
import type { Database } from '../../../src/server/db/engine.ts';
import { seed } from '../../../src/server/seed/seed.ts';
import { createTestDatabase } from '../../support/db.ts';

export const TEST_KEY = `${'B'.repeat(43)}=`;

/** A fresh database with the street's territory (regions, no households): what an import starts from. */
export async function territoryDatabase() {
  const database = await createTestDatabase();
  const cipher = createPiiCipher(TEST_KEY);
  await seed(database, { scale: 'street', households: 0, cipher });
  return { database, cipher };
}

const hex = (v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v);

function plain(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : hex(v)]),
  );
}

/** Every household and person row, every column, in a stable order: to compare before and after. */
export async function snapshot(database: Database) {
  const households = await sql<Record<string, unknown>>`select * from household order by code`.execute(
    database.db,
  );
  const persons = await sql<Record<string, unknown>>`select * from person order by id`.execute(database.db);
  const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(database.db);
  return {
    households: households.rows.map(plain),
    persons: persons.rows.map(plain),
    auditRows: audit.rows[0]?.n ?? 0,
  };
}

/** Every row of a table, every column (timestamps as ISO text, bytes as hex), in a stable order. */
export async function tableRows(database: Database, table: 'region' | 'enterprise' | 'staff' | 'household') {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by id`.execute(
    database.db,
  );
  return rows.map(plain);
}

/** The `import.run` audit rows, oldest first. */
export async function importRuns(database: Database) {
  return database.db
    .selectFrom('audit_log')
    .select(['district_code', 'result', 'detail', 'actor_name'])
    .where('action', '=', 'import.run')
    .orderBy('at')
    .orderBy('seq')
    .execute();
}

/** Audit rows per action. */
export async function auditCounts(database: Database): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom('audit_log')
    .select(['action', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('action')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.action, Number(r.n)]));
}

/** The snapshot without the ciphertext columns (their bytes differ with every encryption). */
export function withoutCiphertext(snap: Awaited<ReturnType<typeof snapshot>>) {
  return {
    ...snap,
    persons: snap.persons.map((p) =>
      Object.fromEntries(Object.entries(p).filter(([k]) => !k.endsWith('_enc'))),
    ),
  };
}

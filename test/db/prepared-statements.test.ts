import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOM_PLAN } from '../../src/server/db/prepared-statements.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

/**
 * On PostgreSQL each pooled connection prepares the statements it runs (db/prepared-statements.ts);
 * PGlite has no pool and parses each statement, so there the same reads simply keep working.
 */
describe('prepared statements', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const preparedHere = async (conn: Kysely<DB>) =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from pg_prepared_statements where name like 'mq_%'`.execute(conn)
    ).rows[0]?.n ?? 0;

  it('are prepared once per connection, and prepared afresh after a migration changes a row type', async () => {
    const onPostgres = t.database.engine === 'postgres';
    await sql`create table prep_probe (id int primary key, a text)`.execute(t.database.db);
    await sql`insert into prep_probe values (1, 'x')`.execute(t.database.db);
    // One connection throughout, so the prepared statements are this session's.
    await t.database.db.connection().execute(async (conn) => {
      const read = () =>
        sql<Record<string, unknown>>`select * from prep_probe where id = ${1}`
          .execute(conn)
          .then((r) => r.rows);
      expect(await read()).toEqual([{ id: 1, a: 'x' }]);
      const before = await preparedHere(conn);
      expect(await read()).toEqual([{ id: 1, a: 'x' }]);
      // The second run reuses the statement: nothing more is prepared.
      expect(await preparedHere(conn)).toBe(before);
      expect(before > 0).toBe(onPostgres);
      await sql`alter table prep_probe add column b text default 'y'`.execute(conn);
      // PostgreSQL refuses the stale statement once (0A000); the connection then forgets its
      // statements, and the retry (db/retry.ts does it for transactions) sees the new column.
      const first = await read().then(
        (rows) => rows,
        (error: { code?: string }) => error.code,
      );
      expect(first).toEqual(onPostgres ? '0A000' : [{ id: 1, a: 'x', b: 'y' }]);
      expect(await read()).toEqual([{ id: 1, a: 'x', b: 'y' }]);
    });
  });

  it('leaves a statement marked for a custom plan unprepared, planned for its own values each time', async () => {
    const onPostgres = t.database.engine === 'postgres';
    await t.database.db.connection().execute(async (conn) => {
      const before = await preparedHere(conn);
      const marked = (path: string) =>
        conn
          .selectFrom('region')
          .select('id')
          .where('path', 'like', `${path}%`)
          .modifyFront(sql.raw(CUSTOM_PLAN))
          .execute();
      for (let i = 0; i < 7; i++) await marked('330109');
      expect(await preparedHere(conn)).toBe(before);
      await conn.selectFrom('region').select('id').where('path', 'like', '330109%').execute();
      expect(await preparedHere(conn)).toBe(before + (onPostgres ? 1 : 0));
    });
  });
});

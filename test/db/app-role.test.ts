import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAppRole } from '../../src/server/db/app-role.ts';
import type { Database } from '../../src/server/db/engine.ts';
import { runTransaction } from '../../src/server/db/retry.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { audit } from '../../src/server/modules/audit/audit.ts';
import { createTestDatabase, testEngine } from '../support/db.ts';

let database: Database;
const role = `minqing_app_${crypto.randomBytes(3).toString('hex')}`;
beforeAll(async () => {
  database = await createTestDatabase();
  // LOGIN, as the role the server connects as: on Citus the coordinator reaches the workers as
  // the current role, which a NOLOGIN role could not.
  await sql`create role ${sql.id(role)} login`.execute(database.db);
  await grantAppRole(database.db, role);
});
afterAll(async () => database.close());

/** Runs `work` as the application role inside a transaction that is always rolled back. */
async function asAppRole(work: (trx: Transaction<DB>) => Promise<unknown>) {
  return database.db
    .transaction()
    .execute(async (trx) => {
      await sql`set local role ${sql.id(role)}`.execute(trx);
      await work(trx);
      throw new Error('rollback');
    })
    .catch((error: unknown) => {
      if ((error as Error).message !== 'rollback') throw error;
    });
}

describe(`the application role (${testEngine()})`, () => {
  it('may append to the audit log and change business tables', async () => {
    await asAppRole(async (trx) => {
      await audit(
        trx,
        { districtCode: '330109', username: 'app', sourceIp: null },
        { action: 'retention.run', result: 'success' },
      );
      await trx.insertInto('system_setting').values({ key: 'k', value: '1' }).execute();
    });
  });

  it('may not update, delete or truncate audit rows', async () => {
    await runTransaction(database.db, (trx) =>
      audit(
        trx,
        { districtCode: '330109', username: 'owner', sourceIp: null },
        { action: 'retention.run', result: 'success' },
      ),
    );
    for (const statement of [
      sql`update audit_log set result = 'failure'`,
      sql`delete from audit_log`,
      sql`truncate audit_log`,
    ]) {
      await expect(asAppRole((trx) => statement.execute(trx))).rejects.toMatchObject({ code: '42501' });
    }
  });

  it("may create and use the job queue's tables in its own schema", async () => {
    await asAppRole(async (trx) => {
      await sql`create table pgboss.probe (id int primary key)`.execute(trx);
      await sql`insert into pgboss.probe values (1)`.execute(trx);
    });
    await expect(
      asAppRole((trx) => sql`create table public.probe (id int)`.execute(trx)),
    ).rejects.toMatchObject({
      code: '42501',
    });
  });

  it('refuses a role name that is not a plain identifier', async () => {
    await expect(grantAppRole(database.db, 'x; drop table audit_log')).rejects.toThrow(/identifier/);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackupRepository } from '../../src/server/backup/backup.repository.ts';
import { createBackup, RestoreError, restoreBackup } from '../../src/server/backup/backup.ts';
import { createPiiCipher, generatePiiKey } from '../../src/server/crypto/pii.ts';
import { type Database, openPglite } from '../../src/server/db/engine.ts';
import { createTestDatabase, onCitus, testEngine } from '../support/db.ts';
import { insertSampleTerritory } from '../support/sample-territory.ts';

const open: Database[] = [];
async function fresh(): Promise<Database> {
  const database = await createTestDatabase();
  open.push(database);
  return database;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

/** Every business row of every table, as canonical JSON, in a stable order. */
async function snapshot(database: Database): Promise<Record<string, string[]>> {
  const repo = createBackupRepository(database.db);
  const out: Record<string, string[]> = {};
  for (const table of await repo.tables()) {
    const { rows } = await sql<{ j: string }>`
      select row_to_json(t)::jsonb::text as j from ${sql.table(table.name)} t order by 1`.execute(
      database.db,
    );
    out[table.name] = rows.map((r) => r.j);
  }
  return out;
}

const tmpFile = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-bak-')), name);

describe(`backup and restore (${testEngine()})`, () => {
  const cipher = createPiiCipher(generatePiiKey());

  it('restores a backup into a fresh database with identical data', async () => {
    const source = await fresh();
    const sample = await insertSampleTerritory(source, cipher);
    const file = tmpFile('full.ndjson.gz');
    const summary = await createBackup(source, file);
    expect(summary.counts).toMatchObject({ region: 5, household: 1, person: 1, enterprise: 1 });

    const target = await fresh();
    const restored = await restoreBackup(target, file);
    expect(restored.counts.region).toBe(5);
    expect(await snapshot(target)).toEqual(await snapshot(source));

    // The encrypted columns survived byte for byte: the restored person decrypts.
    const person = await target.db.selectFrom('person').selectAll().executeTakeFirstOrThrow();
    expect(cipher.decrypt(person.id_number_enc as Uint8Array)).toBe(sample.idNumber);
  });

  it('reads each Citus worker through one connection, so from one snapshot (a no-op elsewhere)', async () => {
    const source = await fresh();
    const setting = await source.db.transaction().execute(async (trx) => {
      await createBackupRepository(trx).oneSnapshotPerWorker();
      return sql<{ value: string | null }>`
        select current_setting('citus.max_adaptive_executor_pool_size', true) as value`.execute(trx);
    });
    const value = setting.rows[0]?.value ?? null;
    if (onCitus()) expect(value).toBe('1');
    else expect(value === null || value === '').toBe(true);
  });

  it('restores into an embedded PGlite database (across engines when the suite runs on PostgreSQL)', async () => {
    const source = await fresh();
    await insertSampleTerritory(source, cipher);
    const file = tmpFile('cross.ndjson.gz');
    await createBackup(source, file);
    const other = await openPglite();
    open.push(other);
    await restoreBackup(other, file);
    expect(await snapshot(other)).toEqual(await snapshot(source));
  });

  it('refuses to restore over existing data and changes nothing', async () => {
    const source = await fresh();
    await insertSampleTerritory(source, cipher);
    const file = tmpFile('busy.ndjson.gz');
    await createBackup(source, file);
    const before = await snapshot(source);
    await expect(restoreBackup(source, file)).rejects.toThrow(RestoreError);
    expect(await snapshot(source)).toEqual(before);
  });

  it('refuses a truncated backup and leaves the target without partial data', async () => {
    const source = await fresh();
    await insertSampleTerritory(source, cipher);
    const file = tmpFile('cut.ndjson.gz');
    await createBackup(source, file);
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
    fs.writeFileSync(file, zlib.gzipSync(`${lines.slice(0, -2).join('\n')}\n`));
    const target = await openPglite();
    open.push(target);
    await expect(restoreBackup(target, file)).rejects.toThrow(/truncated/);
    const count = await target.db
      .selectFrom('region')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(0);
  });

  it('refuses a file that is not a MinQing backup', async () => {
    const file = tmpFile('junk.gz');
    fs.writeFileSync(file, zlib.gzipSync('{"hello":"world"}\n'));
    const target = await openPglite();
    open.push(target);
    await expect(restoreBackup(target, file)).rejects.toThrow(/Not a MinQing backup/);
  });

  it('contains no plaintext ID card number or phone number', async () => {
    const source = await fresh();
    const sample = await insertSampleTerritory(source, cipher);
    const file = tmpFile('pii.ndjson.gz');
    await createBackup(source, file);
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
    expect(text).toContain('王秀英');
    expect(text).not.toContain(sample.idNumber);
    expect(text).not.toContain(sample.phone);
  });
});

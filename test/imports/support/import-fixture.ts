import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach } from 'vitest';
import type { PiiCipher } from '../../../src/server/crypto/pii.ts';
import type { Database } from '../../../src/server/db/engine.ts';
import type { DB } from '../../../src/server/db/schema.ts';
import type { ImportOptions } from '../../../src/server/modules/imports/import-run.ts';
import { territoryDatabase } from './territory.ts';

/**
 * What every importer's test file sets up: temporary folders, databases with the street's
 * territory that close after each test, and the importer run as a test account. Call it once at
 * the top of a test file (it registers the afterEach).
 */
export function importFixture<R>(
  tempPrefix: string,
  importFile: (db: Kysely<DB>, file: string, options: ImportOptions) => Promise<R>,
) {
  const open: Database[] = [];
  afterEach(async () => {
    for (const database of open.splice(0)) await database.close();
  });
  return {
    tempDir: () => fs.mkdtempSync(path.join(os.tmpdir(), tempPrefix)),
    /** Closes the database after the test. */
    closeAfter(database: Database): Database {
      open.push(database);
      return database;
    },
    async setup() {
      const t = await territoryDatabase();
      open.push(t.database);
      return t;
    },
    run(
      database: Database,
      cipher: PiiCipher,
      file: string,
      options: Partial<ImportOptions> = {},
    ): Promise<R> {
      return importFile(database.db, file, {
        cipher,
        actor: { username: 'test', sourceIp: null },
        ...options,
      });
    },
  };
}

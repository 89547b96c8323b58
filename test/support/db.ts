import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { createAuditMac } from '../../src/server/crypto/audit-mac.ts';
import { resolveAuditKey } from '../../src/server/crypto/keys.ts';
import { type Database, openPglite, openPostgres } from '../../src/server/db/engine.ts';
import { hasAuditMac, setAuditMacResolver } from '../../src/server/modules/audit/audit-chain.ts';

export const testEngine = (): 'pglite' | 'postgres' => inject('engine');

/**
 * A fresh, migrated database on the engine under test (MINQING_TEST_ENGINE). Each call is
 * isolated: a PGlite instance loaded from the migrated dump, or a new PostgreSQL database cloned
 * from the migrated template. `close()` disposes of it. `pool` sizes PostgreSQL's pool (5 by
 * default) and its wait for a connection (load-shedding tests).
 */
export async function createTestDatabase(pool: { max?: number; waitMs?: number } = {}): Promise<Database> {
  // Tests that append audit rows without an app key them as createTestApp's server would (its
  // personal-data key); a test app's context sets the key of its own configuration.
  if (!hasAuditMac())
    setAuditMacResolver(() =>
      createAuditMac(resolveAuditKey(loadConfig({ MINQING_PII_KEY: `${'A'.repeat(43)}=` }))),
    );
  if (testEngine() === 'pglite') {
    const dump = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
    return openPglite({ loadDataDir: dump });
  }
  const adminUrl = inject('postgresAdminUrl');
  const name = `minqing_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE minqing_template`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), pool.max ?? 5, {
    ...(pool.waitMs ? { poolWaitMs: pool.waitMs } : {}),
  });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/**
 * Environment for running the real `minqing` process on the engine under test: a fresh data
 * directory, plus on PostgreSQL a new, empty (unmigrated) database. `dispose()` drops it.
 */
export async function createProcessEnv(
  dataDir: string,
): Promise<{ env: Record<string, string>; dispose(): Promise<void> }> {
  if (testEngine() === 'pglite') return { env: { MINQING_DATA_DIR: dataDir }, dispose: async () => {} };
  const adminUrl = inject('postgresAdminUrl');
  const name = `minqing_p_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { MINQING_DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    async dispose() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** An empty database on the engine under test, to migrate step by step. */
export async function unmigratedDatabase(): Promise<Database> {
  if (testEngine() === 'pglite') return openPglite();
  const adminUrl = inject('postgresAdminUrl');
  const name = `minqing_t_${crypto.randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const opened = openPostgres(url.toString(), 2);
  return {
    ...opened,
    async close() {
      await opened.close();
      await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

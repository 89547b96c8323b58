import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { createAuditMac } from '../../src/server/crypto/audit-mac.ts';
import { resolveAuditKey } from '../../src/server/crypto/keys.ts';
import { type Database, openPglite, openPostgres } from '../../src/server/db/engine.ts';
import { hasAuditMac, setAuditMacResolver } from '../../src/server/modules/audit/audit-chain.ts';
import { citusDatabases } from './citus-cluster.ts';

export const testEngine = (): 'pglite' | 'postgres' => inject('engine');

/** Whether the PostgreSQL under test is a Citus cluster (`npm run test:citus`). */
export const onCitus = (): boolean => inject('citusAdminUrls').length > 0;

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
  const name = `minqing_t_${crypto.randomBytes(6).toString('hex')}`;
  const url = await serverDatabases().create(name, 'minqing_template');
  const database = openPostgres(url, pool.max ?? 5, {
    ...(pool.waitMs ? { poolWaitMs: pool.waitMs } : {}),
  });
  return {
    ...database,
    async close() {
      await database.close();
      await serverDatabases().drop(name);
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
  const name = `minqing_p_${crypto.randomBytes(6).toString('hex')}`;
  const url = await serverDatabases().create(name);
  return {
    env: { MINQING_DATA_DIR: dataDir, DATABASE_URL: url },
    dispose: () => serverDatabases().drop(name),
  };
}

/** An empty database on the engine under test, to migrate step by step. */
export async function unmigratedDatabase(): Promise<Database> {
  if (testEngine() === 'pglite') return openPglite();
  const name = `minqing_t_${crypto.randomBytes(6).toString('hex')}`;
  const opened = openPostgres(await serverDatabases().create(name), 2);
  return {
    ...opened,
    async close() {
      await opened.close();
      await serverDatabases().drop(name);
    },
  };
}

/**
 * Databases on the database server under test: one PostgreSQL cluster, or every node of a Citus
 * cluster (citus-cluster.ts), where a database exists on each node and the coordinator's is the
 * one to connect to. `create` copies `template` when given (the migrated one), or makes an empty
 * database (on Citus: with the extension and the workers added) and returns the URL to connect to.
 */
function serverDatabases(): {
  create(name: string, template?: string): Promise<string>;
  drop(name: string): Promise<void>;
} {
  const adminUrl = inject('postgresAdminUrl');
  if (inject('citusAdminUrls').length > 0) {
    const cluster = citusDatabases(inject('citusAdminUrls'));
    return {
      async create(name, template) {
        if (template) await cluster.copy(name, template);
        else await cluster.create(name);
        return cluster.url(name);
      },
      drop: (name) => cluster.drop(name),
    };
  }
  const run = async (statement: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.end();
    }
  };
  return {
    async create(name, template) {
      await run(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    drop: (name) => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../src/server/db/engine.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { citusDatabases, startCitusCluster } from './citus-cluster.ts';
import { startPostgresCluster } from './postgres-cluster.ts';

/**
 * Prepares one migrated template per run so that every test gets a fresh database quickly:
 * a PGlite data-directory dump (loaded in memory per test) or a PostgreSQL template database
 * (CREATE DATABASE … TEMPLATE per test).
 */
export default async function setup(project: TestProject) {
  const requested = process.env.MINQING_TEST_ENGINE;
  const engine = requested === 'postgres' || requested === 'citus' ? 'postgres' : 'pglite';
  project.provide('engine', engine);
  project.provide('citusAdminUrls', []);
  if (requested === 'citus') return setupCitus(project);
  if (engine === 'pglite') {
    const database = await openPglite();
    await migrateToLatest(database.db);
    const dump = await database.pglite.dumpDataDir('none');
    await database.close();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-tpl-')), 'migrated.tar');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('pgliteTemplate', file);
    project.provide('postgresAdminUrl', '');
    return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  const cluster = process.env.DATABASE_URL ? undefined : await startPostgresCluster({ fsync: false });
  const adminUrl = process.env.DATABASE_URL ?? (cluster as { url(db: string): string }).url('postgres');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS minqing_template');
  await admin.query('CREATE DATABASE minqing_template');
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = '/minqing_template';
  const { openPostgres } = await import('../../src/server/db/engine.ts');
  const template = openPostgres(templateUrl.toString(), 2);
  await migrateToLatest(template.db);
  await template.close();
  project.provide('pgliteTemplate', '');
  project.provide('postgresAdminUrl', adminUrl);
  return () => cluster?.stop();
}

/**
 * On Citus (`npm run test:citus`) the engine is PostgreSQL, over a coordinator and two workers
 * (citus-cluster.ts): the template is migrated through the coordinator, which distributes the
 * tables across the workers, then copied node by node for every test.
 */
async function setupCitus(project: TestProject) {
  const cluster = await startCitusCluster();
  try {
    const databases = citusDatabases(cluster.adminUrls);
    await databases.create('minqing_template');
    const { openPostgres } = await import('../../src/server/db/engine.ts');
    const template = openPostgres(databases.url('minqing_template'), 2);
    await migrateToLatest(template.db);
    await template.close();
    await databases.release('minqing_template');
    project.provide('pgliteTemplate', '');
    project.provide('postgresAdminUrl', cluster.adminUrls[0] as string);
    project.provide('citusAdminUrls', cluster.adminUrls);
  } catch (error) {
    cluster.stop();
    throw error;
  }
  return () => cluster.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    engine: 'pglite' | 'postgres';
    /** Each Citus node's admin URL, the coordinator first; empty unless the tests run on Citus. */
    citusAdminUrls: string[];
    pgliteTemplate: string;
    postgresAdminUrl: string;
  }
}

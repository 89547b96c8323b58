import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../src/server/db/engine.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { startPostgresCluster } from './postgres-cluster.ts';

/**
 * Prepares one migrated template per run so that every test gets a fresh database quickly:
 * a PGlite data-directory dump (loaded in memory per test) or a PostgreSQL template database
 * (CREATE DATABASE … TEMPLATE per test).
 */
export default async function setup(project: TestProject) {
  const engine = process.env.MINQING_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
  project.provide('engine', engine);
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

declare module 'vitest' {
  export interface ProvidedContext {
    engine: 'pglite' | 'postgres';
    pgliteTemplate: string;
    postgresAdminUrl: string;
  }
}

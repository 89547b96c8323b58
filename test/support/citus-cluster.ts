import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster.ts';

/**
 * A throwaway Citus cluster for the tests (`npm run test:citus`): one coordinator and `workers`
 * workers, each its own PostgreSQL 15 instance (postgres-cluster.ts) with the Citus library
 * preloaded. Debian has no Citus package: when the extension is missing, the shared build script
 * (MINQING_CITUS_BUILD, by default ../shared/engines/citus/build.sh beside the project) builds and
 * installs it first.
 *
 * Citus keeps its metadata (nodes, shards) in each database and reaches a worker's shards in the
 * database of the same name, so a database is made on every node (`citusDatabases().create`), and
 * a migrated one is copied node by node from a template with CREATE DATABASE … TEMPLATE: the
 * copies form a cluster of their own, which is what makes a fresh database per test affordable.
 */
export interface CitusCluster {
  /** Each node's `postgres` database, the coordinator first: what `citusDatabases` works on. */
  adminUrls: string[];
  stop(): void;
}

/**
 * Shards per distributed table. Citus's default is 32; a test database copies every shard of some
 * ninety tables onto each worker, and four keep every test's district on one worker all the same.
 */
const TEST_SHARD_COUNT = 4;

export async function startCitusCluster(
  options: { workers?: number; fsync?: boolean } = {},
): Promise<CitusCluster> {
  const started: PostgresCluster[] = [];
  try {
    for (let i = 0; i < 1 + (options.workers ?? 2); i++) started.push(await startCitusNode(options));
  } catch (error) {
    for (const node of started) node.stop();
    throw error;
  }
  return {
    adminUrls: started.map((node) => node.url('postgres')),
    stop() {
      for (const node of started) node.stop();
    },
  };
}

/**
 * One PostgreSQL 15 instance with Citus preloaded: a coordinator, a worker, or a worker added to a
 * running cluster (the rebalance test).
 */
export async function startCitusNode(options: { fsync?: boolean } = {}): Promise<PostgresCluster> {
  ensureCitusInstalled();
  const settings = [
    'shared_preload_libraries=citus',
    `citus.shard_count=${TEST_SHARD_COUNT}`,
    // Every test database runs a maintenance daemon, a background worker of its own.
    'max_worker_processes=64',
    // Two-phase commit across workers (a reference table's write) needs prepared transactions.
    'max_prepared_transactions=200',
    // Moving a shard while it takes writes (the rebalancer's default mode) streams its changes by
    // logical replication.
    'wal_level=logical',
  ];
  return startPostgresCluster({ fsync: options.fsync ?? false, settings });
}

/** Databases across a Citus cluster's nodes, given each node's admin URL (coordinator first). */
export interface CitusDatabases {
  /** The coordinator's URL of database `name`: where the application connects. */
  url(name: string): string;
  /** An empty database on every node with the extension created and the workers added. */
  create(name: string): Promise<void>;
  /** A copy of `template` on every node (the template must have no sessions: `release`). */
  copy(name: string, template: string): Promise<void>;
  drop(name: string): Promise<void>;
  /** Ends the sessions Citus keeps in a database (its maintenance daemon), so it can be copied. */
  release(name: string): Promise<void>;
}

export function citusDatabases(adminUrls: string[]): CitusDatabases {
  const on = (adminUrl: string, database: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    return url;
  };
  const run = async (adminUrl: string, database: string, statements: string[]) => {
    const client = new pg.Client({ connectionString: on(adminUrl, database).toString() });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const everywhere = (statement: string, database = 'postgres') =>
    Promise.all(adminUrls.map((url) => run(url, database, [statement])));
  const [coordinator, ...workers] = adminUrls as [string, ...string[]];
  const endSessions = (node: string, name: string) =>
    run(node, 'postgres', [
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
    ]);
  /**
   * FORCE cannot drop a database holding prepared transactions, which a worker keeps for a
   * moment when the coordinator's database went away between the two phases of a commit, and
   * Citus's maintenance daemon may connect again meanwhile: the sessions are ended, the prepared
   * transactions rolled back (the coordinator and its record of them are gone), and the drop is
   * tried again.
   */
  const dropOn = async (node: string, name: string) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await run(node, 'postgres', [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
        return;
      } catch (error) {
        if (attempt === 20 || (error as { code?: string }).code !== '55006') throw error;
        await endSessions(node, name);
        const client = new pg.Client({ connectionString: on(node, name).toString() });
        await client.connect();
        try {
          const { rows } = await client.query<{ gid: string }>(
            'SELECT gid FROM pg_prepared_xacts WHERE database = current_database()',
          );
          for (const { gid } of rows) await client.query(`ROLLBACK PREPARED '${gid}'`);
        } finally {
          await client.end();
        }
        await sleep(100 * attempt);
      }
    }
  };
  return {
    url: (name) => on(coordinator, name).toString(),
    async create(name) {
      await everywhere(`CREATE DATABASE ${name}`);
      await everywhere('CREATE EXTENSION citus', name);
      await run(coordinator, name, [
        `SELECT citus_set_coordinator_host('127.0.0.1', ${on(coordinator, name).port})`,
        ...workers.map((w) => `SELECT citus_add_node('127.0.0.1', ${on(w, name).port})`),
      ]);
    },
    async copy(name, template) {
      await everywhere(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      // Citus records the database itself as a distributed object, by oid: the copy's record
      // still names the template, which a worker added later would be asked to find.
      await everywhere(
        `UPDATE pg_catalog.pg_dist_object SET objid = (SELECT oid FROM pg_database WHERE datname = current_database())
         WHERE classid = 'pg_database'::regclass`,
        name,
      );
    },
    async drop(name) {
      // The coordinator first: its sessions and maintenance daemon hold connections to the
      // workers' database of the same name, which FORCE on a worker cannot end for good while
      // the coordinator may open them again.
      await dropOn(coordinator, name);
      await Promise.all(workers.map((w) => dropOn(w, name)));
    },
    async release(name) {
      await Promise.all(adminUrls.map((url) => endSessions(url, name)));
    },
  };
}

const CONTROL = '/usr/share/postgresql/15/extension/citus.control';

function ensureCitusInstalled(): void {
  if (fs.existsSync(CONTROL)) return;
  const script =
    process.env.MINQING_CITUS_BUILD ??
    path.resolve(import.meta.dirname, '../../../shared/engines/citus/build.sh');
  if (!fs.existsSync(script)) {
    throw new Error(
      `Citus is not installed and its build script is not at ${script}: set MINQING_CITUS_BUILD to the ` +
        'script that builds Citus 13 for PostgreSQL 15 (see docs/ARCHITECTURE.md, Databases).',
    );
  }
  const result = spawnSync('bash', [script], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`building Citus failed (${script} exited ${result.status})`);
}

import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

/** One node of a Citus cluster as the coordinator sees it. */
export interface ClusterNode {
  host: string;
  port: number;
  role: 'coordinator' | 'worker';
  active: boolean;
  /** Shard groups placed on the node: one group holds every table's rows of the same districts. */
  shardGroups: number;
  bytes: number;
}

export type RebalanceState =
  | 'scheduled'
  | 'running'
  | 'finished'
  | 'cancelled'
  | 'failing'
  | 'failed'
  | 'cancelling';

/** Citus's moves: `auto` streams a moving shard's writes by logical replication, `block_writes` holds them. */
export type TransferMode = 'auto' | 'force_logical' | 'block_writes';

/**
 * The Citus metadata and functions behind `minqing cluster` (cluster.ts). Shard groups are counted
 * by `case_record`'s shards: every district table is co-located with it (migration
 * 20261206T2200_citus_distribution), so its shards are the groups that move together.
 */
export function createClusterRepository(db: Kysely<DB>) {
  return {
    async isCoordinator(): Promise<boolean> {
      const citus = await sql<{ n: number }>`
        select count(*)::int as n from pg_extension where extname = 'citus'`.execute(db);
      if (citus.rows[0]?.n !== 1) return false;
      const role = await sql<{ coordinator: boolean }>`
        select citus_is_coordinator() as coordinator`.execute(db);
      return role.rows[0]?.coordinator === true;
    },

    async nodes(): Promise<ClusterNode[]> {
      const { rows } = await sql<{
        host: string;
        port: number;
        group_id: number;
        active: boolean;
        shard_groups: number;
        bytes: string;
      }>`
        select n.nodename as host, n.nodeport as port, n.groupid as group_id, n.isactive as active,
          count(s.shardid) filter (where s.table_name = 'case_record'::regclass)::int as shard_groups,
          coalesce(sum(s.shard_size), 0)::text as bytes
        from pg_dist_node n
        left join citus_shards s on s.nodename = n.nodename and s.nodeport = n.nodeport
          and s.citus_table_type = 'distributed'
        where n.noderole = 'primary'
        group by n.nodename, n.nodeport, n.groupid, n.isactive
        order by n.groupid`.execute(db);
      return rows.map((r) => ({
        host: r.host,
        port: r.port,
        role: r.group_id === 0 ? 'coordinator' : 'worker',
        active: r.active,
        shardGroups: r.shard_groups,
        bytes: Number(r.bytes),
      }));
    },

    async addNode(host: string, port: number): Promise<number> {
      const { rows } = await sql<{ id: number }>`select citus_add_node(${host}, ${port}) as id`.execute(db);
      return rows[0]?.id as number;
    },

    /** The background rebalance job's id, or null when the shards are already balanced. */
    async startRebalance(mode: TransferMode): Promise<string | null> {
      const { rows } = await sql<{ job: string | null }>`
        select citus_rebalance_start(shard_transfer_mode := ${mode}::citus.shard_transfer_mode)::text as job`.execute(
        db,
      );
      return rows[0]?.job ?? null;
    },

    async rebalanceJob(jobId: string): Promise<{ state: RebalanceState; details: unknown } | undefined> {
      const { rows } = await sql<{ state: RebalanceState; details: unknown }>`
        select state::text as state, details from citus_rebalance_status() where job_id = ${jobId}::bigint`.execute(
        db,
      );
      return rows[0];
    },

    /** The first task's error of a failed background job, to say why it failed. */
    async jobError(jobId: string): Promise<string | null> {
      const { rows } = await sql<{ message: string | null }>`
        select message from pg_dist_background_task
        where job_id = ${jobId}::bigint and message is not null and message <> ''
        order by task_id limit 1`.execute(db);
      return rows[0]?.message ?? null;
    },

    /** Where the shard group holding a district's rows lives. */
    async districtPlacement(
      districtCode: string,
    ): Promise<{ shardId: string; host: string; port: number } | undefined> {
      const { rows } = await sql<{ shard_id: string; host: string; port: number }>`
        select s.shardid::text as shard_id, s.nodename as host, s.nodeport as port from citus_shards s
        where s.table_name = 'case_record'::regclass
          and s.shardid = get_shard_id_for_distribution_column('case_record', ${districtCode}::text)`.execute(
        db,
      );
      const row = rows[0];
      return row && { shardId: row.shard_id, host: row.host, port: row.port };
    },

    /** Moves a shard with every shard co-located with it (the whole shard group). */
    async moveShardGroup(
      shardId: string,
      from: { host: string; port: number },
      to: { host: string; port: number },
      mode: TransferMode,
    ): Promise<void> {
      await sql`select citus_move_shard_placement(${shardId}::bigint, ${from.host}, ${from.port}, ${to.host},
        ${to.port}, ${mode}::citus.shard_transfer_mode)`.execute(db);
    },
  };
}

/**
 * Readies a new worker's database before the coordinator adds it: the database of the
 * coordinator's name, with the Citus extension (which also turns on the TLS its nodes talk over).
 * `adminUrl` reaches the worker's `postgres` database as a role that may create databases.
 */
export async function prepareWorkerDatabase(adminUrl: string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`create database ${pg.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  const worker = new pg.Client({ connectionString: url.toString() });
  await worker.connect();
  try {
    await worker.query('create extension if not exists citus');
  } finally {
    await worker.end();
  }
}

export async function currentDatabase(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
  return rows[0]?.name as string;
}

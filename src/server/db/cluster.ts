import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { AppError } from '../../shared/errors/app-error.ts';
import {
  type ClusterNode,
  createClusterRepository,
  currentDatabase,
  prepareWorkerDatabase,
  type TransferMode,
} from './cluster.repository.ts';
import type { DB } from './schema.ts';

/**
 * Operating a province on Citus (`minqing cluster …`, docs/operator-guide §24): see where the
 * shard groups are, add a worker, rebalance, move a district's group to a node. Every step runs
 * while the product serves: Citus moves a shard by logical replication and holds its writes only
 * for the final switch-over, so requests wait a moment and none is lost
 * (test/db/citus-rebalance.test.ts).
 */

export const TRANSFER_MODES: readonly TransferMode[] = ['auto', 'force_logical', 'block_writes'];

async function coordinator(db: Kysely<DB>) {
  const repo = createClusterRepository(db);
  if (!(await repo.isCoordinator())) {
    throw new AppError(
      'BAD_REQUEST',
      '`minqing cluster` operates a Citus cluster: this database is not a Citus coordinator (set DATABASE_URL to the coordinator).',
    );
  }
  return repo;
}

function transferMode(mode: string | undefined): TransferMode {
  const chosen = (mode ?? 'auto') as TransferMode;
  if (!TRANSFER_MODES.includes(chosen)) {
    throw new AppError('BAD_REQUEST', `--mode must be one of ${TRANSFER_MODES.join(', ')}, not ${mode}.`);
  }
  return chosen;
}

function hostPort(node: string): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(node);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65_535) {
    throw new AppError('BAD_REQUEST', `A node is written host:port (e.g. 10.0.0.12:5432), not ${node}.`);
  }
  return { host: match[1] as string, port };
}

export async function clusterStatus(db: Kysely<DB>): Promise<ClusterNode[]> {
  return (await coordinator(db)).nodes();
}

/**
 * Adds a worker. `workerAdminUrl` reaches the new node's `postgres` database as a role that may
 * create databases; its host and port are what the coordinator and the other workers will use.
 */
export async function addWorker(db: Kysely<DB>, workerAdminUrl: string): Promise<ClusterNode> {
  const repo = await coordinator(db);
  let url: URL;
  try {
    url = new URL(workerAdminUrl);
  } catch {
    throw new AppError('BAD_REQUEST', 'The worker is given as a URL: postgres://user@host:port/postgres.');
  }
  if (!/^postgres(ql)?:$/.test(url.protocol) || !url.hostname) {
    throw new AppError('BAD_REQUEST', 'The worker is given as a URL: postgres://user@host:port/postgres.');
  }
  const host = url.hostname;
  const port = Number(url.port || 5432);
  if ((await repo.nodes()).some((n) => n.host === host && n.port === port)) {
    throw new AppError('CONFLICT', `${host}:${port} is already a node of this cluster.`);
  }
  await prepareWorkerDatabase(url.toString(), await currentDatabase(db));
  await repo.addNode(host, port);
  const added = (await repo.nodes()).find((n) => n.host === host && n.port === port);
  if (!added) throw new AppError('CONFLICT', `Citus did not list ${host}:${port} after adding it.`);
  return added;
}

export interface RebalanceProgress {
  state: string;
  details: unknown;
}

/**
 * Spreads the shard groups evenly over the nodes (Citus's background rebalancer) and waits for it,
 * reporting its state every `pollMs`. Returns the job's id, or null when nothing had to move.
 */
export async function rebalance(
  db: Kysely<DB>,
  options: { mode?: string; pollMs?: number; onProgress?: (progress: RebalanceProgress) => void } = {},
): Promise<string | null> {
  const repo = await coordinator(db);
  const jobId = await repo.startRebalance(transferMode(options.mode));
  if (jobId === null) return null;
  for (;;) {
    const job = await repo.rebalanceJob(jobId);
    if (!job) throw new AppError('NOT_FOUND', `Citus has no rebalance job ${jobId}.`);
    options.onProgress?.(job);
    if (job.state === 'finished') return jobId;
    if (job.state === 'failed' || job.state === 'cancelled') {
      const why = await repo.jobError(jobId);
      throw new AppError('CONFLICT', `The rebalance (job ${jobId}) ${job.state}${why ? `: ${why}` : '.'}`);
    }
    await sleep(options.pollMs ?? 1000);
  }
}

/**
 * Moves the shard group holding a district to `node` (host:port), e.g. to give a large district a
 * worker of its own. Every district sharing the group moves with it.
 */
export async function moveDistrict(
  db: Kysely<DB>,
  districtCode: string,
  node: string,
  options: { mode?: string } = {},
): Promise<{ from: string; to: string; moved: boolean }> {
  if (!/^\d{6}$/.test(districtCode)) throw new AppError('BAD_REQUEST', 'A district code has six digits.');
  const repo = await coordinator(db);
  const target = hostPort(node);
  const mode = transferMode(options.mode);
  const nodes = await repo.nodes();
  if (!nodes.some((n) => n.host === target.host && n.port === target.port && n.role === 'worker')) {
    throw new AppError(
      'NOT_FOUND',
      `${node} is not a worker of this cluster (see \`minqing cluster status\`).`,
    );
  }
  const placement = await repo.districtPlacement(districtCode);
  if (!placement) throw new AppError('NOT_FOUND', 'The district tables are not distributed.');
  const from = `${placement.host}:${placement.port}`;
  if (placement.host === target.host && placement.port === target.port)
    return { from, to: node, moved: false };
  await repo.moveShardGroup(placement.shardId, placement, target, mode);
  return { from, to: node, moved: true };
}

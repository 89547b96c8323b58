import { loadConfig } from '../../server/config.ts';
import type { ClusterNode } from '../../server/db/cluster.repository.ts';
import { addWorker, clusterStatus, moveDistrict, rebalance } from '../../server/db/cluster.ts';
import { type Database, openDatabase } from '../../server/db/engine.ts';
import { info } from '../output.ts';

/** `minqing cluster …` on the configured database; the use cases refuse one that is not a coordinator. */
async function onCoordinator<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(loadConfig());
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function printNodes(nodes: ClusterNode[]) {
  for (const n of nodes) {
    info(
      `${n.role.padEnd(11)} ${`${n.host}:${n.port}`.padEnd(24)} ${n.active ? 'active  ' : 'inactive'} ` +
        `${String(n.shardGroups).padStart(4)} shard groups  ${mb(n.bytes)}`,
    );
  }
}

export async function clusterStatusCommand(): Promise<void> {
  await onCoordinator(async ({ db }) => printNodes(await clusterStatus(db)));
}

export async function clusterAddWorkerCommand(url: string): Promise<void> {
  await onCoordinator(async ({ db }) => {
    const node = await addWorker(db, url);
    info(
      `Added worker ${node.host}:${node.port}. It holds no shards yet: run \`minqing cluster rebalance\`.`,
    );
  });
}

export async function clusterRebalanceCommand(options: { mode?: string }): Promise<void> {
  await onCoordinator(async ({ db }) => {
    let last = '';
    const job = await rebalance(db, {
      ...(options.mode ? { mode: options.mode } : {}),
      onProgress: ({ state, details }) => {
        const counts = JSON.stringify((details as { task_state_counts?: unknown })?.task_state_counts ?? {});
        const line = `  ${state} ${counts}`;
        if (line !== last) info(line);
        last = line;
      },
    });
    info(job === null ? 'The shards are already balanced: nothing moved.' : `Rebalance job ${job} finished.`);
    printNodes(await clusterStatus(db));
  });
}

export async function clusterMoveDistrictCommand(
  district: string,
  node: string,
  options: { mode?: string },
): Promise<void> {
  await onCoordinator(async ({ db }) => {
    const result = await moveDistrict(db, district, node, options);
    info(
      result.moved
        ? `Moved district ${district}'s shard group from ${result.from} to ${result.to}.`
        : `District ${district} is already on ${node}.`,
    );
  });
}

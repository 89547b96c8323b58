// Worker thread of snapshot-backup.ts: opens the copied data directory as its own PGlite and
// writes the logical backup from it, away from the server's thread.
import { parentPort, workerData } from 'node:worker_threads';
import { openPglite } from '../db/engine.ts';
import { createBackup } from './backup.ts';

const { dataDir, file } = workerData as { dataDir: string; file: string };
// The copy is this worker's alone (the server holds the real directory's lock).
const database = await openPglite({ dataDir, lock: false });
try {
  parentPort?.postMessage(await createBackup(database, file));
} finally {
  await database.close();
}

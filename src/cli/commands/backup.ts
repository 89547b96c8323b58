import fs from 'node:fs';
import path from 'node:path';
import { backupFileName, createBackup, restoreBackup } from '../../server/backup/backup.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/engine.ts';
import { info } from '../output.ts';

export async function backupCommand(options: { out?: string }): Promise<void> {
  const config = loadConfig();
  const file = path.resolve(options.out ?? path.join(config.backup.dir, backupFileName()));
  const database = await openDatabase(config);
  try {
    const summary = await createBackup(database, file);
    const rows = Object.values(summary.counts).reduce((a, b) => a + b, 0);
    info(`Backup written: ${summary.file} (${summary.bytes} bytes, ${rows} rows, ${summary.ms} ms)`);
  } finally {
    await database.close();
  }
}

export async function restoreCommand(file: string): Promise<void> {
  if (!fs.existsSync(file)) {
    throw Object.assign(new Error(`No such file: ${file}`), { name: 'RestoreError' });
  }
  const database = await openDatabase(loadConfig());
  try {
    const { counts } = await restoreBackup(database, path.resolve(file));
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    info(`Restored ${rows} rows into the ${database.engine} database.`);
  } finally {
    await database.close();
  }
}

// Child process for the crash test: opens the embedded database in a data directory and commits
// numbered rows one by one, printing each number only after its commit returned (an "ack").
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/engine.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';

const round = process.argv[3] ?? 'a';
const config = loadConfig({ MINQING_DATA_DIR: process.argv[2], LOG_LEVEL: 'silent' });
const database = await openDatabase(config);
await migrateToLatest(database.db);
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  await database.db
    .insertInto('system_setting')
    .values({ key: `crash-${round}-${i}`, value: JSON.stringify({ i, payload: 'x'.repeat(200) }) })
    .execute();
  process.stdout.write(`ack ${i}\n`);
}

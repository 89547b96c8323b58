// Child process for the embedded durability test, run under strace: opens the embedded database
// in a data directory and commits `count` rows, single statements and then two-statement
// transactions. Around each commit it writes a marker to stderr with a plain write(2), so the
// strace log shows which fsync/fdatasync calls happened between a commit's start and its ack.
import fs from 'node:fs';
import { sql } from 'kysely';
import { openPglite } from '../../src/server/db/engine.ts';

const [dataDir, countArg] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: fsync-writer.ts <dataDir> [count]');
const count = Number(countArg ?? 20);
const mark = (text: string) => fs.writeSync(2, `${text}\n`);

const database = await openPglite({ dataDir, lock: false });
await sql`create table if not exists durability_probe (id int primary key, note text not null)`.execute(
  database.db,
);
const { rows } = await sql<{ n: number }>`select count(*)::int as n from durability_probe`.execute(
  database.db,
);
const first = rows[0]?.n ?? 0;
for (let i = first; i < first + count; i++) {
  mark(`minqing-commit ${i}`);
  if (i % 2 === 0) {
    await sql`insert into durability_probe values (${i}, 'single')`.execute(database.db);
  } else {
    await database.db.transaction().execute(async (trx) => {
      await sql`insert into durability_probe values (${i}, 'transaction')`.execute(trx);
      await sql`update durability_probe set note = note where id = ${i}`.execute(trx);
    });
  }
  mark(`minqing-ack ${i}`);
}
await database.close();
mark('minqing-closed');

import { type Kysely, sql } from 'kysely';

/**
 * Import progress becomes the progress of any long operation the web app waits on: exports write
 * it too. The table is renamed for what it now holds, and each row says which operation it is
 * (`import` or `export`, existing rows are imports). An export's kind is known only when its
 * download claims the reservation, so `kind` may be empty until then. The retention job deletes
 * the rows of runs over for a day, looking them up by `updated_at`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('import_progress').renameTo('operation_progress').execute();
  await sql`alter table operation_progress rename constraint import_progress_pk to operation_progress_pk`.execute(
    db,
  );
  await db.schema
    .alterTable('operation_progress')
    .addColumn('operation', 'varchar(8)', (c) => c.notNull().defaultTo('import'))
    .execute();
  await db.schema
    .alterTable('operation_progress')
    .alterColumn('kind', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .createIndex('operation_progress_updated')
    .on('operation_progress')
    .columns(['district_code', 'updated_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

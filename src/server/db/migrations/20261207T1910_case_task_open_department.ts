import { type Kysely, sql } from 'kysely';

/**
 * A department may be summoned (吹哨) to a case again once its earlier task is done: a case
 * reopened after an unsatisfied rating often needs the same department back. The unique key on
 * (case, department) refused that second task, and the summons answered 500. At most one task of
 * a department is open on a case at a time, which the whistle also checks before it writes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_task').dropConstraint('case_task_department_uq').execute();
  await sql`
    create unique index case_task_open_department_uq on case_task (district_code, case_id, department_id)
    where done_at is null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

import { type Kysely, sql } from 'kysely';

/**
 * Levels as the practice has them (issue 11 §5, docs/specs/workflow.md "Levels"): a case records
 * the level it was taken in at, so "passed to the street / district" counts only cases that rose
 * to it, and the level of the unit it is dispatched to, so an escalation by a community the
 * street sent it to goes back to the street instead of skipping to the district. Until now every
 * case started at the street and each escalation added one, so the intake level of an existing
 * case is its level less its escalations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('case_record')
    .addColumn('intake_level', 'smallint', (c) => c.notNull().defaultTo(1))
    .addColumn('unit_level', 'smallint')
    .execute();
  await sql`update case_record set intake_level = greatest(level - escalations, 0)`.execute(db);
  await sql`update case_record set unit_level = 0 where unit_region_id is not null`.execute(db);
  await sql`
    update case_record c
       set unit_level = case d.level when 'district' then 2 else 1 end
      from department d
     where d.district_code = c.district_code and d.id = c.unit_department_id`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

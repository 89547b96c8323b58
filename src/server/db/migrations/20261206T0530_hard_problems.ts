import type { Kysely } from 'kysely';

/**
 * The hard-problem list (攻坚破难清单, issue 14 §7): items a leader puts on a district's or
 * street's list — from a recurring-problem proposal or by hand, or as the month's topic (每月一题)
 * — with an owner, a plan, milestones, progress notes and the cases they stay linked to. A case
 * is on at most one item (its primary key), and the link remembers the list type the case had, so
 * unlinking it gives that back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hard_problem_item')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('topic_month', 'varchar(7)')
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('category_id', 'uuid')
    .addColumn('proposal_key', 'varchar(120)')
    .addColumn('owner_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('owner_id', 'uuid', (c) => c.notNull())
    .addColumn('owner_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('responsible_person', 'varchar(100)', (c) => c.notNull())
    .addColumn('plan', 'varchar(4000)', (c) => c.notNull())
    .addColumn('target_date', 'date', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('result', 'varchar(4000)')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_by_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('hard_problem_item_pk', ['district_code', 'id'])
    // One topic per place and month (NULLs differ: ordinary items have no month).
    .addUniqueConstraint('hard_problem_item_topic_uq', ['district_code', 'region_id', 'topic_month'])
    .addForeignKeyConstraint('hard_problem_item_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('hard_problem_item_path_idx')
    .on('hard_problem_item')
    .columns(['district_code', 'region_path', 'created_at'])
    .execute();

  await db.schema
    .createTable('hard_problem_milestone')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('item_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('target_date', 'date', (c) => c.notNull())
    .addColumn('done_on', 'date')
    .addPrimaryKeyConstraint('hard_problem_milestone_pk', ['district_code', 'id'])
    .addForeignKeyConstraint(
      'hard_problem_milestone_item_fk',
      ['district_code', 'item_id'],
      'hard_problem_item',
      ['district_code', 'id'],
    )
    .execute();
  await db.schema
    .createIndex('hard_problem_milestone_item_idx')
    .on('hard_problem_milestone')
    .columns(['district_code', 'item_id', 'position'])
    .execute();

  await db.schema
    .createTable('hard_problem_case')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('item_id', 'uuid', (c) => c.notNull())
    .addColumn('previous_list_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('linked_by_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('hard_problem_case_pk', ['district_code', 'case_id'])
    .addForeignKeyConstraint('hard_problem_case_item_fk', ['district_code', 'item_id'], 'hard_problem_item', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('hard_problem_case_case_fk', ['district_code', 'case_id'], 'case_record', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('hard_problem_case_item_idx')
    .on('hard_problem_case')
    .columns(['district_code', 'item_id'])
    .execute();

  await db.schema
    .createTable('hard_problem_note')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('item_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('text', 'varchar(2000)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(16)', (c) => c.notNull())
    .addColumn('to_state', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_by_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('hard_problem_note_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('hard_problem_note_item_fk', ['district_code', 'item_id'], 'hard_problem_item', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('hard_problem_note_item_idx')
    .on('hard_problem_note')
    .columns(['district_code', 'item_id', 'created_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

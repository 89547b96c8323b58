import { type Kysely, sql } from 'kysely';

/**
 * The rest of the organisation and its records (issue 3): departments and the case categories
 * they own, grants scoped to a department, configurable tag lists, key households' "五个要"
 * records and 一户一策 plans, enterprise liaisons, staff numbers for idempotent import, personal
 * data exports behind an approval record, web import runs, and the markers the retention job
 * needs (removed / anonymised).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;

  await db.schema
    .createTable('department')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('code', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('level', 'varchar(16)', (c) => c.notNull().check(sql`level in ('district','street')`))
    // The district or street node the department belongs to.
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('department_pk', ['district_code', 'id'])
    .addUniqueConstraint('department_code_uq', ['district_code', 'code'])
    .addForeignKeyConstraint('department_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('case_category')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('parent_id', 'uuid')
    .addColumn('code', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(100)')
    // Codes from the root down joined by '.', like region.path: a subtree is one prefix match.
    .addColumn('path', 'varchar(200)', (c) => c.notNull())
    // The department that owns cases of this category (dispatch suggestions start here).
    .addColumn('department_id', 'uuid')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('case_category_pk', ['district_code', 'id'])
    .addUniqueConstraint('case_category_code_uq', ['district_code', 'code'])
    .addUniqueConstraint('case_category_path_uq', ['district_code', 'path'])
    .addForeignKeyConstraint('case_category_parent_fk', ['district_code', 'parent_id'], 'case_category', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint(
      'case_category_department_fk',
      ['district_code', 'department_id'],
      'department',
      ['district_code', 'id'],
    )
    .execute();

  await db.schema.alterTable('role_grant').addColumn('scope_department_id', 'uuid').execute();
  await db.schema
    .alterTable('role_grant')
    .addForeignKeyConstraint(
      'role_grant_department_fk',
      ['district_code', 'scope_department_id'],
      'department',
      ['district_code', 'id'],
    )
    .execute();

  await db.schema
    .createTable('tag_definition')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('subject', 'varchar(16)', (c) => c.notNull().check(sql`subject in ('household','enterprise')`))
    .addColumn('code', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(50)', (c) => c.notNull())
    // A tag that takes a level (残疾 disabled: level 1–4).
    .addColumn('has_level', 'boolean', (c) => c.notNull().defaultTo(false))
    // A household with this tag is a key household (五个要, 一户一策, visited first).
    .addColumn('marks_key', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('tag_definition_pk', ['district_code', 'subject', 'code'])
    .execute();

  await db.schema
    .alterTable('household')
    .addColumn('tag_levels', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('is_key', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('removed_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('person')
    .addColumn('removed_at', 'timestamptz')
    .addColumn('anonymised_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('enterprise')
    .addColumn('liaison_user_id', 'uuid')
    .addColumn('removed_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('enterprise')
    .addForeignKeyConstraint('enterprise_liaison_fk', ['district_code', 'liaison_user_id'], 'app_user', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('enterprise_liaison_idx')
    .on('enterprise')
    .columns(['district_code', 'liaison_user_id'])
    .execute();

  // Staff get a number (工号) so a staff import can recognise them again.
  await db.schema.alterTable('staff').addColumn('code', 'varchar(40)').execute();
  await db.schema
    .createIndex('staff_code_uq')
    .on('staff')
    .columns(['district_code', 'code'])
    .unique()
    .execute();

  await db.schema
    .createTable('key_household_record')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('household_id', 'uuid', (c) => c.notNull())
    .addColumn('basic_situation', 'text', (c) => c.notNull())
    .addColumn('living_conditions', 'text', (c) => c.notNull())
    .addColumn('state_of_mind', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('help_in_place', 'text', (c) => c.notNull())
    // Set when the record was taken on a visit (issue 5).
    .addColumn('visit_id', 'uuid')
    .addColumn('recorded_by', 'uuid', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('key_household_record_pk', ['district_code', 'id'])
    .addForeignKeyConstraint(
      'key_household_record_household_fk',
      ['district_code', 'household_id'],
      'household',
      ['district_code', 'id'],
    )
    .execute();
  await db.schema
    .createIndex('key_household_record_household_idx')
    .on('key_household_record')
    .columns(['district_code', 'household_id', 'recorded_at'])
    .execute();

  await db.schema
    .createTable('household_plan')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('household_id', 'uuid', (c) => c.notNull())
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active','closed')`),
    )
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('household_plan_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('household_plan_household_fk', ['district_code', 'household_id'], 'household', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('household_plan_owner_fk', ['district_code', 'owner_user_id'], 'app_user', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('household_plan_household_idx')
    .on('household_plan')
    .columns(['district_code', 'household_id'])
    .execute();

  await db.schema
    .createTable('household_plan_follow_up')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('plan_id', 'uuid', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .addColumn('done_by', 'uuid')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('household_plan_follow_up_pk', ['district_code', 'id'])
    .addForeignKeyConstraint(
      'household_plan_follow_up_plan_fk',
      ['district_code', 'plan_id'],
      'household_plan',
      ['district_code', 'id'],
    )
    .execute();
  await db.schema
    .createIndex('household_plan_follow_up_due_idx')
    .on('household_plan_follow_up')
    .columns(['district_code', 'plan_id', 'due_date'])
    .execute();

  await db.schema
    .createTable('export_request')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('subject', 'varchar(16)', (c) =>
      c.notNull().check(sql`subject in ('households','enterprises','staff')`),
    )
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending','approved','refused','used')`),
    )
    .addColumn('requested_by', 'uuid', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('decided_by', 'uuid')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'varchar(500)')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('used_at', 'timestamptz')
    .addPrimaryKeyConstraint('export_request_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('export_request_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('export_request_requester_idx')
    .on('export_request')
    .columns(['district_code', 'requested_by', 'requested_at'])
    .execute();

  // A web import: its summary and the validation report to download (kept for a limited time).
  await db.schema
    .createTable('import_run')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull())
    .addColumn('report', 'bytea')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('import_run_pk', ['district_code', 'id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

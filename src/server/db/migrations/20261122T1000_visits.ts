import { type Kysely, sql } from 'kysely';

/**
 * Visits (issue 5, domain.md "Visits"): the rules and plans visits follow, who is assigned to which
 * households and enterprises (包联), visiting teams per grid, the visit diary (民情日记) with its
 * visitors and photos, mentoring pairs and their comments, spot checks of visits. Households and
 * enterprises remember their last visit, so coverage lists need no scan of the diary.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;

  // A rule of the district or of one street: a quota, a coverage requirement, visit days or a
  // night-visit target, its parameters checked by shared/visits/rules.ts.
  await db.schema
    .createTable('visit_rule')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) =>
      c.notNull().check(sql`kind in ('quota','coverage','visit_days','night_target')`),
    )
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('visit_rule_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('visit_rule_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .execute();

  // 包联: a user answers for visiting a household, an enterprise, or (leaders) a grid or community.
  await db.schema
    .createTable('visit_assignment')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('subject_type', 'varchar(12)', (c) =>
      c.notNull().check(sql`subject_type in ('household','enterprise','region')`),
    )
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    // Where the subject lies, for scope.
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('visit_assignment_pk', ['district_code', 'id'])
    .addUniqueConstraint('visit_assignment_uq', ['district_code', 'user_id', 'subject_type', 'subject_id'])
    .addForeignKeyConstraint('visit_assignment_user_fk', ['district_code', 'user_id'], 'app_user', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('visit_assignment_subject_idx')
    .on('visit_assignment')
    .columns(['district_code', 'subject_type', 'subject_id'])
    .execute();

  // 一网格一分队: one visiting team per grid.
  await db.schema
    .createTable('visit_team')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('grid_id', 'uuid', (c) => c.notNull())
    .addColumn('grid_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('visit_team_pk', ['district_code', 'id'])
    .addUniqueConstraint('visit_team_grid_uq', ['district_code', 'grid_id'])
    .addForeignKeyConstraint('visit_team_grid_fk', ['district_code', 'grid_id'], 'region', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createTable('visit_team_member')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('team_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    // cadre: a district or street cadre sent down (下沉干部); every team needs at least one.
    .addColumn('role', 'varchar(12)', (c) =>
      c.notNull().check(sql`role in ('leader','cadre','worker','police','volunteer')`),
    )
    .addPrimaryKeyConstraint('visit_team_member_pk', ['district_code', 'team_id', 'user_id'])
    .addForeignKeyConstraint('visit_team_member_team_fk', ['district_code', 'team_id'], 'visit_team', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('visit_team_member_user_fk', ['district_code', 'user_id'], 'app_user', [
      'district_code',
      'id',
    ])
    .execute();

  // The visit diary (民情日记).
  await db.schema
    .createTable('visit')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('form', 'varchar(16)', (c) => c.notNull())
    .addColumn('target_type', 'varchar(16)', (c) =>
      c.notNull().check(sql`target_type in ('household','enterprise','forum','collection_point')`),
    )
    .addColumn('household_id', 'uuid')
    .addColumn('enterprise_id', 'uuid')
    // The grid of the target, or where the forum / collection point was held.
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('place_name', 'varchar(100)')
    .addColumn('attendance', 'integer')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz', (c) => c.notNull())
    .addColumn('is_night', 'boolean', (c) => c.notNull())
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    // Metres from the target's known location at check-in; flagged when beyond the district's limit.
    .addColumn('distance_m', 'integer')
    .addColumn('far', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('services', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('key_record_id', 'uuid')
    .addColumn('recorded_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('visit_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('visit_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('visit_household_fk', ['district_code', 'household_id'], 'household', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('visit_enterprise_fk', ['district_code', 'enterprise_id'], 'enterprise', [
      'district_code',
      'id',
    ])
    .execute();
  // Coverage: has this household (enterprise) been visited in the period?
  await db.schema
    .createIndex('visit_household_idx')
    .on('visit')
    .columns(['district_code', 'household_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('visit_enterprise_idx')
    .on('visit')
    .columns(['district_code', 'enterprise_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('visit_path_idx')
    .on('visit')
    .columns(['district_code', 'region_path', 'started_at'])
    .execute();
  await db.schema
    .createIndex('visit_started_idx')
    .on('visit')
    .columns(['district_code', 'started_at', 'id'])
    .execute();

  // Everyone who took part (a joint mentor–mentee visit counts for both).
  await db.schema
    .createTable('visit_visitor')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('visit_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('visit_visitor_pk', ['district_code', 'visit_id', 'user_id'])
    .addForeignKeyConstraint('visit_visitor_visit_fk', ['district_code', 'visit_id'], 'visit', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('visit_visitor_user_fk', ['district_code', 'user_id'], 'app_user', [
      'district_code',
      'id',
    ])
    .execute();
  // Quota progress: a worker's visits in a period.
  await db.schema
    .createIndex('visit_visitor_user_idx')
    .on('visit_visitor')
    .columns(['district_code', 'user_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('visit_photo')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('visit_id', 'uuid', (c) => c.notNull())
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(64)', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('storage_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('visit_photo_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('visit_photo_visit_fk', ['district_code', 'visit_id'], 'visit', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('visit_photo_visit_idx')
    .on('visit_photo')
    .columns(['district_code', 'visit_id'])
    .execute();

  // 结对帮带: mentor and mentee.
  await db.schema
    .createTable('mentor_pair')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('mentor_id', 'uuid', (c) => c.notNull())
    .addColumn('mentee_id', 'uuid', (c) => c.notNull())
    .addColumn('started_on', 'date', (c) => c.notNull())
    .addColumn('ended_on', 'date')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('mentor_pair_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('mentor_pair_mentor_fk', ['district_code', 'mentor_id'], 'app_user', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('mentor_pair_mentee_fk', ['district_code', 'mentee_id'], 'app_user', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createTable('visit_comment')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('visit_id', 'uuid', (c) => c.notNull())
    .addColumn('author_id', 'uuid', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('visit_comment_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('visit_comment_visit_fk', ['district_code', 'visit_id'], 'visit', [
      'district_code',
      'id',
    ])
    .execute();

  // 抽查: a reproducible sample of visits (percentage and seed) and each verification.
  await db.schema
    .createTable('spot_check')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('spot_check_pk', ['district_code', 'id'])
    .execute();
  await db.schema
    .createTable('spot_check_item')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('spot_check_id', 'uuid', (c) => c.notNull())
    .addColumn('visit_id', 'uuid', (c) => c.notNull())
    .addColumn('result', 'varchar(16)', (c) =>
      c.check(sql`result in ('confirmed','not_confirmed','unreachable')`),
    )
    .addColumn('note', 'text')
    .addColumn('verified_by', 'uuid')
    .addColumn('verified_at', 'timestamptz')
    .addPrimaryKeyConstraint('spot_check_item_pk', ['district_code', 'spot_check_id', 'visit_id'])
    .addForeignKeyConstraint('spot_check_item_check_fk', ['district_code', 'spot_check_id'], 'spot_check', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('spot_check_item_visit_fk', ['district_code', 'visit_id'], 'visit', [
      'district_code',
      'id',
    ])
    .execute();

  await db.schema.alterTable('household').addColumn('last_visit_at', 'timestamptz').execute();
  await db.schema.alterTable('enterprise').addColumn('last_visit_at', 'timestamptz').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

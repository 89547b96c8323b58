import { type Kysely, sql } from 'kysely';

/**
 * The case loop (issue 4, shared/docs workflow.md): cases with readable numbers, their timeline
 * (events), clocks, whistle tasks, extension requests, follow-up ratings, attachments (files live
 * outside the database), saved queue views; the idempotency keys of retried creates; the outbox
 * and in-app notifications; the working calendar's imported years; per-category clock limits.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;

  // Readable numbers: numbers are handed out in blocks per district and year (like a sequence
  // cache), so intake never waits on one hot row for the life of its transaction.
  await db.schema
    .createTable('case_counter')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('next_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_counter_pk', ['district_code', 'year'])
    .execute();

  await db.schema
    .createTable('case_record')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('number', 'varchar(24)', (c) => c.notNull())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('category_id', 'uuid')
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('urgency', 'varchar(12)', (c) => c.notNull())
    .addColumn('list_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // Where it happened: a grid (or any node of the hierarchy) and its path, for scope.
    .addColumn('region_id', 'uuid', (c) => c.notNull())
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('address', 'varchar(200)')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('reporter_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('reporter_name', 'varchar(50)')
    .addColumn('reporter_phone_enc', 'bytea')
    .addColumn('reporter_phone_hash', 'bytea')
    .addColumn('household_id', 'uuid')
    .addColumn('enterprise_id', 'uuid')
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    // 0 community, 1 street, 2 district: the tier whose dispatcher moves the case on.
    .addColumn('level', 'smallint', (c) => c.notNull())
    // The handling unit: a department, or a community/grid of the hierarchy.
    .addColumn('unit_department_id', 'uuid')
    .addColumn('unit_region_id', 'uuid')
    .addColumn('unit_region_path', 'varchar(200)')
    .addColumn('first_responder_id', 'uuid')
    .addColumn('submitted_by', 'uuid')
    .addColumn('on_spot', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('latest_rating', 'varchar(24)')
    .addColumn('unreachable_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_pending', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('open_tasks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('whistles', 'integer', (c) => c.notNull().defaultTo(0))
    // Some clock passed its deadline at some point (on-time rate), and the latest 督办 flag.
    .addColumn('overdue', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('supervised', 'boolean', (c) => c.notNull().defaultTo(false))
    // The earliest deadline of a running clock: the unit inbox and supervision list order by it.
    .addColumn('next_due_at', 'timestamptz')
    // Links between cases are checked by the use cases, not by self-referencing keys: a case may be
    // merged into a newer one, so no parents-first order exists for backups to restore in.
    .addColumn('merged_into_id', 'uuid')
    // A later complaint about a closed case opens a new case linked to it.
    .addColumn('linked_case_id', 'uuid')
    .addColumn('source_visit_id', 'uuid')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('replied_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('last_progress_at', 'timestamptz')
    .addPrimaryKeyConstraint('case_record_pk', ['district_code', 'id'])
    .addUniqueConstraint('case_record_number_uq', ['district_code', 'number'])
    .addForeignKeyConstraint('case_record_category_fk', ['district_code', 'category_id'], 'case_category', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('case_record_region_fk', ['district_code', 'region_id'], 'region', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint(
      'case_record_department_fk',
      ['district_code', 'unit_department_id'],
      'department',
      ['district_code', 'id'],
    )
    .addForeignKeyConstraint('case_record_unit_region_fk', ['district_code', 'unit_region_id'], 'region', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint(
      'case_record_first_responder_fk',
      ['district_code', 'first_responder_id'],
      'app_user',
      ['district_code', 'id'],
    )
    .addForeignKeyConstraint('case_record_household_fk', ['district_code', 'household_id'], 'household', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('case_record_enterprise_fk', ['district_code', 'enterprise_id'], 'enterprise', [
      'district_code',
      'id',
    ])
    .execute();
  // The dispatcher's queue: a state (or a few) in scope, newest first.
  await db.schema
    .createIndex('case_record_queue_idx')
    .on('case_record')
    .columns(['district_code', 'state', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('case_record_path_idx')
    .on('case_record')
    .columns(['district_code', 'region_path', 'created_at'])
    .execute();
  // Open cases are a tenth of the table or less: the queue's totals count them from these
  // (scoped by place or by handling unit) without visiting closed cases at all.
  const open = [
    'submitted',
    'accepted',
    'dispatched',
    'returned',
    'in_progress',
    'replied',
    'follow_up',
    'reopened',
  ];
  await db.schema
    .createIndex('case_record_open_path_idx')
    .on('case_record')
    .columns(['district_code', 'region_path', 'state', 'created_at'])
    .where(sql.ref('state'), 'in', open)
    .execute();
  await db.schema
    .createIndex('case_record_open_unit_path_idx')
    .on('case_record')
    .columns(['district_code', 'unit_region_path', 'state', 'created_at'])
    .where(sql.ref('state'), 'in', open)
    .execute();
  await db.schema
    .createIndex('case_record_open_category_idx')
    .on('case_record')
    .columns(['district_code', 'category_id', 'state', 'created_at'])
    .where(sql.ref('state'), 'in', open)
    .execute();
  // The supervision list and the "overdue" filter: few rows among the open ones.
  await db.schema
    .createIndex('case_record_open_overdue_idx')
    .on('case_record')
    .columns(['district_code', 'state', 'created_at'])
    .where((eb) => eb.and([eb(sql.ref('state'), 'in', open), eb(sql.ref('overdue'), '=', true)]))
    .execute();
  await db.schema
    .createIndex('case_record_unit_idx')
    .on('case_record')
    .columns(['district_code', 'unit_department_id', 'next_due_at'])
    .execute();
  await db.schema
    .createIndex('case_record_unit_region_idx')
    .on('case_record')
    .columns(['district_code', 'unit_region_path', 'next_due_at'])
    .execute();
  await db.schema
    .createIndex('case_record_responder_idx')
    .on('case_record')
    .columns(['district_code', 'first_responder_id', 'state'])
    .execute();
  await db.schema
    .createIndex('case_record_created_idx')
    .on('case_record')
    .columns(['district_code', 'created_at', 'id'])
    .execute();

  // The timeline: one row per transition or note, numbered within the case.
  await db.schema
    .createTable('case_event')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(16)')
    .addColumn('to_state', 'varchar(16)', (c) => c.notNull())
    // Null for the resident's own report and for the sweeper.
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_name', 'varchar(50)')
    .addColumn('reason', 'text')
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('case_event_pk', ['district_code', 'id'])
    .addUniqueConstraint('case_event_seq_uq', ['district_code', 'case_id', 'seq'])
    .addForeignKeyConstraint('case_event_case_fk', ['district_code', 'case_id'], 'case_record', [
      'district_code',
      'id',
    ])
    .execute();

  // The current run of each clock; its history is on the timeline.
  await db.schema
    .createTable('case_clock')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('clock', 'varchar(16)', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('stopped_at', 'timestamptz')
    .addColumn('overdue_at', 'timestamptz')
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('supervised_at', 'timestamptz')
    .addPrimaryKeyConstraint('case_clock_pk', ['district_code', 'case_id', 'clock'])
    .addForeignKeyConstraint('case_clock_case_fk', ['district_code', 'case_id'], 'case_record', [
      'district_code',
      'id',
    ])
    .execute();
  // The sweeper's scan: running clocks by deadline.
  await db.schema
    .createIndex('case_clock_due_idx')
    .on('case_clock')
    .columns(['stopped_at', 'due_at'])
    .execute();

  // 吹哨报到: each summoned department's task, one lead and the others assisting.
  await db.schema
    .createTable('case_task')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('department_id', 'uuid', (c) => c.notNull())
    .addColumn('role', 'varchar(8)', (c) => c.notNull().check(sql`role in ('lead','assist')`))
    .addColumn('report_due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reported_at', 'timestamptz')
    .addColumn('done_at', 'timestamptz')
    .addColumn('note', 'text')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('case_task_pk', ['district_code', 'id'])
    .addUniqueConstraint('case_task_department_uq', ['district_code', 'case_id', 'department_id'])
    .addForeignKeyConstraint('case_task_case_fk', ['district_code', 'case_id'], 'case_record', [
      'district_code',
      'id',
    ])
    .addForeignKeyConstraint('case_task_department_fk', ['district_code', 'department_id'], 'department', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('case_task_department_idx')
    .on('case_task')
    .columns(['district_code', 'department_id', 'done_at'])
    .execute();

  await db.schema
    .createTable('case_extension')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('working_days', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) =>
      c.notNull().check(sql`status in ('pending','approved','refused')`),
    )
    .addColumn('requested_by', 'uuid', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('decided_by', 'uuid')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_reason', 'text')
    .addPrimaryKeyConstraint('case_extension_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('case_extension_case_fk', ['district_code', 'case_id'], 'case_record', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('case_extension_case_idx')
    .on('case_extension')
    .columns(['district_code', 'case_id'])
    .execute();

  // Follow-up calls and their ratings: the satisfaction figure counts these.
  await db.schema
    .createTable('case_rating')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('rating', 'varchar(24)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('rated_by', 'uuid', (c) => c.notNull())
    .addColumn('rated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('case_rating_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('case_rating_case_fk', ['district_code', 'case_id'], 'case_record', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('case_rating_case_idx')
    .on('case_rating')
    .columns(['district_code', 'case_id'])
    .execute();

  await db.schema
    .createTable('case_attachment')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('event_id', 'uuid')
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(64)', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    // Where the bytes are, relative to the deployment's attachment directory.
    .addColumn('storage_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('case_attachment_pk', ['district_code', 'id'])
    .addForeignKeyConstraint('case_attachment_case_fk', ['district_code', 'case_id'], 'case_record', [
      'district_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('case_attachment_case_idx')
    .on('case_attachment')
    .columns(['district_code', 'case_id'])
    .execute();

  // A dispatcher's saved queue filters.
  await db.schema
    .createTable('case_view')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('filters', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('case_view_pk', ['district_code', 'id'])
    .addUniqueConstraint('case_view_name_uq', ['district_code', 'user_id', 'name'])
    .execute();

  // Per-category clock limits (working days / hours per urgency) over the district defaults.
  await db.schema.alterTable('case_category').addColumn('clock_limits', 'jsonb').execute();

  // Creates that may be retried (trust.md §22). `owner` is the user id, or the public form's
  // client token; `request_hash` tells a replay from another body under the same key.
  await db.schema
    .createTable('idempotency_key')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('owner', 'varchar(64)', (c) => c.notNull())
    .addColumn('key', 'varchar(100)', (c) => c.notNull())
    .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(8)', (c) => c.notNull().check(sql`status in ('running','done')`))
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_key_pk', ['district_code', 'owner', 'key'])
    .execute();
  await db.schema
    .createIndex('idempotency_key_expiry_idx')
    .on('idempotency_key')
    .column('expires_at')
    .execute();

  // The outbox: written in the same transaction as the change, delivered by workers.
  await db.schema
    .createTable('outbox_message')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('channel', 'varchar(12)', (c) => c.notNull().check(sql`channel in ('in_app','sms','webhook')`))
    .addColumn('topic', 'varchar(48)', (c) => c.notNull())
    .addColumn('case_id', 'uuid')
    // A user id (in-app), an encrypted phone reference (sms) or nothing (webhook: every endpoint).
    .addColumn('recipient', 'varchar(64)')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('outbox_message_pk', ['district_code', 'id'])
    .execute();
  await db.schema
    .createIndex('outbox_message_pending_idx')
    .on('outbox_message')
    .columns(['delivered_at', 'failed_at', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('notification')
    .addColumn('district_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('topic', 'varchar(48)', (c) => c.notNull())
    .addColumn('case_id', 'uuid')
    .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('read_at', 'timestamptz')
    .addPrimaryKeyConstraint('notification_pk', ['district_code', 'id'])
    .execute();
  await db.schema
    .createIndex('notification_user_idx')
    .on('notification')
    .columns(['district_code', 'user_id', 'created_at'])
    .execute();

  // Working-calendar years loaded after release (the shipped years are code data); national
  // reference data, the same for every district.
  await db.schema
    .createTable('calendar_day')
    .addColumn('day', 'date', (c) => c.notNull().primaryKey())
    .addColumn('working', 'boolean', (c) => c.notNull())
    .addColumn('name', 'varchar(50)')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only: write a new migration instead of reverting one.');
}

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { WriteBatch } from '../../db/write-batch.ts';
import { type CaseChangeActor, commitCaseChange } from './case-change.ts';
import type { CaseRow } from './cases.repository.ts';

type Required =
  | 'district_code'
  | 'id'
  | 'number'
  | 'channel'
  | 'kind'
  | 'title'
  | 'description'
  | 'region_id'
  | 'region_path'
  | 'reporter_type'
  | 'created_at'
  | 'intake_level';

/**
 * A submitted case's row: what the intake says about it, every other field as a new case has it.
 * It starts at its intake level (shared/cases/levels.ts `intakeLevel`).
 */
export function newCaseRow(fields: Pick<CaseRow, Required> & Partial<CaseRow>): CaseRow {
  return {
    category_id: null,
    urgency: 'ordinary',
    list_type: 'problem',
    address: null,
    latitude: null,
    longitude: null,
    reporter_name: null,
    reporter_phone_enc: null,
    reporter_phone_hash: null,
    household_id: null,
    enterprise_id: null,
    state: 'submitted',
    level: fields.intake_level,
    unit_level: null,
    unit_department_id: null,
    unit_region_id: null,
    unit_region_path: null,
    first_responder_id: null,
    submitted_by: null,
    next_due_at: null,
    merged_into_id: null,
    linked_case_id: null,
    source_visit_id: null,
    accepted_at: null,
    replied_at: null,
    closed_at: null,
    last_progress_at: null,
    updated_at: fields.created_at,
    on_spot: false,
    reopen_count: 0,
    latest_rating: null,
    latest_solved: null,
    unreachable_attempts: 0,
    extension_pending: false,
    open_tasks: 0,
    escalations: 0,
    whistles: 0,
    overdue: false,
    supervised: false,
    version: 1,
    ...fields,
  };
}

/**
 * Writes a new case as every intake does (staff, a visit, the public form), in the caller's
 * transaction (or outside one, as one statement), through the one path (case-change.ts): the row,
 * its `submit` event, what must commit with it (`alsoWrite`, e.g. an idempotent answer), the
 * notifications, the audit row last.
 */
export async function recordNewCase(
  trx: Kysely<DB>,
  row: CaseRow,
  by: CaseChangeActor,
  options: {
    eventDetail?: Record<string, unknown>;
    /** What commits with the case; outside a transaction its writes must be held in `batch`. */
    alsoWrite?: (batch: WriteBatch) => Promise<void>;
  } = {},
): Promise<void> {
  const { alsoWrite } = options;
  await commitCaseChange(trx, {
    kind: 'create',
    row,
    action: 'submit',
    by,
    now: row.created_at,
    eventDetail: { channel: row.channel, ...options.eventDetail },
    ...(alsoWrite ? { write: (_trx: Kysely<DB>, _row: CaseRow, batch: WriteBatch) => alsoWrite(batch) } : {}),
  });
}

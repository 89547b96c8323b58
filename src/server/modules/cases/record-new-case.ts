import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { enqueueCaseNotifications } from '../notifications/notify-case.ts';
import { type CaseRow, createCaseRepository } from './cases.repository.ts';

/** A new case starts with the street's dispatcher (level 1); community intake is a grant away. */
export const INTAKE_LEVEL = 1;

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
  | 'created_at';

/** A submitted case's row: what the intake says about it, every other field as a new case has it. */
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
    level: INTAKE_LEVEL,
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
 * Writes a new case as every intake does, in the caller's transaction: the row, its `submit`
 * event, the notifications, then (last, as it holds the district's audit chain head until
 * commit) its audit row. `beforeAudit` stores what must commit with it (an idempotent answer).
 */
export async function recordNewCase(
  trx: Kysely<DB>,
  row: CaseRow,
  by: { actorId: string | null; actorName: string | null; audit: AuditActor },
  options: { eventDetail?: Record<string, unknown>; beforeAudit?: () => Promise<void> } = {},
): Promise<void> {
  const repo = createCaseRepository(trx);
  await repo.insert(row);
  await repo.insertEvent(row.district_code, row.id, 1, {
    id: uuidv7(),
    action: 'submit',
    from_state: null,
    to_state: 'submitted',
    actor_id: by.actorId,
    actor_name: by.actorName,
    reason: null,
    detail: { channel: row.channel, ...options.eventDetail },
  });
  await enqueueCaseNotifications(trx, { row, action: 'submit', actorId: by.actorId, now: row.created_at });
  await options.beforeAudit?.();
  await audit(trx, by.audit, {
    action: 'case.submitted',
    result: 'success',
    objectType: 'case',
    objectId: row.id,
    detail: { number: row.number, channel: row.channel, region: row.region_id },
  });
}

import type { Kysely } from 'kysely';
import {
  type Finding,
  type FindingList,
  type FindingsQuery,
  findingState,
} from '../../../shared/domain/findings.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { dateColumn } from '../../db/date-column.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { answersFor, findingReader } from './finding-access.ts';
import { createFindingsRepository, type StoredFinding } from './findings.repository.ts';

/** How many findings one answer lists; the earliest due come first, so the urgent ones are never cut. */
export const FINDINGS_LIMIT = 500;

/** A stored finding as the API answers it, for this caller on this instant. */
export function findingView(principal: Principal, f: StoredFinding, now: Date): Finding {
  const dueOn = dateColumn(f.due_on);
  const state = findingState({ dueOn, answeredAt: f.answered_at }, now);
  return {
    id: f.id,
    source: { kind: f.source_kind, id: f.source_id },
    subject: { key: f.subject_key, name: f.subject_name },
    text: f.text,
    dueOn,
    state,
    rectification:
      f.answered_at !== null && f.rectified_on !== null
        ? {
            note: f.rectification_note ?? '',
            rectifiedOn: dateColumn(f.rectified_on),
            by: f.answered_by_name,
            at: new Date(f.answered_at).toISOString(),
          }
        : null,
    createdAt: new Date(f.created_at).toISOString(),
    answerable: state !== 'rectified' && answersFor(principal, f),
  };
}

/**
 * GET /api/v1/findings: the findings the caller answers or oversees — of the places it reaches,
 * its departments and itself — by state and source, earliest due first.
 */
export async function listFindings(
  db: Kysely<DB>,
  principal: Principal,
  query: FindingsQuery,
  now: Date,
): Promise<FindingList> {
  const rows = await createFindingsRepository(db).visible(
    findingReader(principal),
    {
      ...(query.state ? { state: query.state } : {}),
      ...(query.source ? { source: query.source } : {}),
      ...(query.sourceId ? { sourceId: query.sourceId } : {}),
      today: cstDay(now),
    },
    FINDINGS_LIMIT,
  );
  return {
    items: rows.slice(0, FINDINGS_LIMIT).map((f) => findingView(principal, f, now)),
    truncated: rows.length > FINDINGS_LIMIT,
  };
}

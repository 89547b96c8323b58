import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { FindingSource } from '../../../shared/domain/findings.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../audit/audit-append.repository.ts';
import { createFindingsRepository } from './findings.repository.ts';

/** One finding as its source words it: which subject, where it belongs, what to rectify by when. */
export interface NewFinding {
  /** A score subject key: a community's region id, 'd:<departmentId>', 'r:<regionId>', 'u:<userId>'. */
  subjectKey: string;
  subjectName: string;
  /** The path of the place the subject belongs to: who reads and answers the finding follows it. */
  regionPath: string;
  text: string;
  /** The Beijing day (YYYY-MM-DD) it must be rectified by. */
  dueOn: string;
}

/**
 * Writes a source's findings in the caller's transaction (a criticism list's approval, a
 * supervision report's publication), each with a `finding.created` audit row, so a finding exists
 * exactly when its source is published. The source checks its own input; this trusts it.
 */
export async function createFindings(
  tx: Kysely<DB>,
  input: {
    districtCode: string;
    sourceKind: FindingSource;
    sourceId: string;
    findings: readonly NewFinding[];
    actorId: string;
    now: Date;
  },
): Promise<string[]> {
  if (input.findings.length === 0) return [];
  const repo = createFindingsRepository(tx);
  const rows = input.findings.map((f) => ({
    district_code: input.districtCode,
    id: uuidv7(),
    source_kind: input.sourceKind,
    source_id: input.sourceId,
    subject_key: f.subjectKey,
    subject_name: f.subjectName.slice(0, 100),
    region_path: f.regionPath,
    text: f.text,
    due_on: f.dueOn,
    created_by: input.actorId,
    created_at: input.now,
  }));
  await repo.insert(rows);
  const username = await repo.username(input.districtCode, input.actorId);
  for (const r of rows)
    await appendAudit(
      tx,
      input.districtCode,
      {
        actor_id: input.actorId,
        actor_name: username,
        actor_roles: null,
        scope: null,
        action: 'finding.created',
        object_type: 'finding',
        object_id: r.id,
        result: 'success',
        source_ip: null,
        detail: {
          source: { kind: input.sourceKind, id: input.sourceId },
          subject: r.subject_key,
          dueOn: r.due_on,
        },
      },
      uuidv7(),
    );
  return rows.map((r) => r.id);
}

import type { Kysely } from 'kysely';
import { reaches } from '../../../shared/auth/reach.ts';
import { findingState } from '../../../shared/domain/findings.ts';
import {
  type SupervisionFinding,
  type SupervisionReport,
  type SupervisionSubject,
  type SupervisionSummary,
  supervisionFindingSchema,
  supervisionSubjectSchema,
} from '../../../shared/domain/supervision.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { dateColumn } from '../../db/date-column.ts';
import { jsonColumn } from '../../db/json-column.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import { findingReader } from '../findings/finding-access.ts';
import { createSupervisionRepository, type StoredReport } from './supervision.repository.ts';

const isoOf = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export const findingsOf = (r: StoredReport): SupervisionFinding[] =>
  supervisionFindingSchema.array().parse(jsonColumn(r.findings));
export const subjectsOf = (r: StoredReport): SupervisionSubject[] =>
  supervisionSubjectSchema.array().parse(jsonColumn(r.subjects));

/** Whether the caller writes reports of the report's place: `supervision:write` reaching it. */
export function writes(principal: Principal, r: { region_path: string }): boolean {
  return pathInScope(r.region_path, scopeFor(principal, 'supervision:write'));
}

/**
 * Whether the caller reads a report: its writers, drafts included; once published, the units it
 * names — as the shared findings are read (a place reached, a department's handlers, a cadre).
 */
export function reads(principal: Principal, r: StoredReport): boolean {
  if (writes(principal, r)) return true;
  if (r.state !== 'published') return false;
  const reader = findingReader(principal);
  return findingsOf(r).some(
    (f) => reader.subjectKeys.includes(f.subjectKey) || reader.paths.some((p) => reaches(p, f.regionPath)),
  );
}

/** A report the caller reads (NOT_FOUND otherwise, as for an unknown id). */
export async function readableReport(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
): Promise<StoredReport> {
  const r = await createSupervisionRepository(db).one(principal.districtCode, id);
  if (!r || !reads(principal, r)) throw new AppError('NOT_FOUND', 'No such supervision report.');
  return r;
}

export function summaryOf(r: StoredReport): SupervisionSummary {
  return {
    id: r.id,
    region: { id: r.region_id, name: r.region_name, level: r.region_level },
    period: {
      kind: r.period_kind as SupervisionSummary['period']['kind'],
      from: dateColumn(r.period_from),
      to: dateColumn(r.period_to),
    },
    title: r.title,
    state: r.state,
    findings: findingsOf(r).length,
    createdBy: r.created_by_name,
    createdAt: new Date(r.created_at).toISOString(),
    publishedBy: r.published_by_name,
    publishedAt: isoOf(r.published_at),
  };
}

/**
 * The whole report as the caller sees it: each finding with the figures behind it and, once
 * published, its rectification as the shared findings record it. A unit named reads only its own
 * findings; the writers of the place read all of them and, while it is a draft, what they may do.
 */
export async function reportView(
  db: Kysely<DB>,
  principal: Principal,
  r: StoredReport,
  now: Date,
): Promise<SupervisionReport> {
  const writer = writes(principal, r);
  const subjects = subjectsOf(r);
  const figuresOf = new Map(subjects.map((s) => [s.key, s.figures]));
  const published =
    r.state === 'published' ? await createSupervisionRepository(db).findingsOf(r.district_code, r.id) : [];
  const reader = findingReader(principal);
  // The report's findings were handed over in order: each takes the next of its unit's rows.
  const unused = [...published];
  const findings = findingsOf(r)
    .map((f) => {
      const at = unused.findIndex((row) => row.subject_key === f.subjectKey);
      const row = at === -1 ? undefined : unused.splice(at, 1)[0];
      return {
        ...f,
        figures: figuresOf.get(f.subjectKey) ?? {},
        rectification: row
          ? {
              findingId: row.id,
              note: row.rectification_note,
              rectifiedOn: row.rectified_on === null ? null : dateColumn(row.rectified_on),
              answeredBy: row.answered_by_name,
              answeredAt: isoOf(row.answered_at),
              state: findingState({ dueOn: dateColumn(row.due_on), answeredAt: row.answered_at }, now),
            }
          : null,
      };
    })
    .filter(
      (f) =>
        writer ||
        reader.subjectKeys.includes(f.subjectKey) ||
        reader.paths.some((p) => reaches(p, f.regionPath)),
    );
  const draft = r.state === 'draft' && writer;
  return {
    ...summaryOf(r),
    body: r.body,
    scorePeriodId: r.score_period_id,
    findings,
    subjects: draft ? subjects : [],
    actions: draft ? ['edit', 'publish'] : [],
  };
}

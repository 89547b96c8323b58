import type { Kysely } from 'kysely';
import { dueDayIsAhead } from '../../../shared/domain/findings.ts';
import type {
  SupervisionFinding,
  SupervisionReport,
  UpdateSupervisionReport,
} from '../../../shared/domain/supervision.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { findingsOf, reportView, subjectsOf, writes } from './report-view.ts';
import { createSupervisionRepository, type StoredReport } from './supervision.repository.ts';

export const alreadyPublished = () =>
  new AppError('SUPERVISION_REPORT_PUBLISHED', 'This supervision report is published already.');

/** 422 unless every finding's due day lies ahead of `now`'s day (shared/domain/findings.ts). */
export function refuseDueDaysPassed(findings: readonly { dueOn: string }[], now: Date, path: string): void {
  const today = cstDay(now);
  const passed = findings.flatMap((f, i) => (dueDayIsAhead(f.dueOn, today) ? [] : [i]));
  if (passed.length > 0)
    throw new AppError('VALIDATION_FAILED', 'A finding must be due on a day after today.', {
      issues: passed.map((i) => ({
        path: `${path}.${i}.dueOn`,
        reason: 'due_not_ahead',
        message: `a day after ${today}`,
      })),
    });
}

/**
 * A draft the caller may change, locked for the transaction: its place in the caller's
 * `supervision:write` scope (NOT_FOUND otherwise, as for an unknown id), still a draft (409).
 */
export async function draftToWrite(trx: Kysely<DB>, principal: Principal, id: string): Promise<StoredReport> {
  const r = await createSupervisionRepository(trx).one(principal.districtCode, id, true);
  if (!r || !writes(principal, r)) throw new AppError('NOT_FOUND', 'No such supervision report.');
  if (r.state !== 'draft') throw alreadyPublished();
  return r;
}

/**
 * PATCH /api/v1/supervision-reports/:id: the supervisor rewords the draft — its title, text and
 * the whole list of findings (added, removed, reworded, due days). A finding names one of the
 * place's communities or units as drafted (422 otherwise); its name and place come from there, so
 * a finding cannot be addressed to a unit outside the report. Audited.
 */
export async function editSupervisionReport(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  id: string,
  input: UpdateSupervisionReport,
  now: Date,
): Promise<SupervisionReport> {
  await runTransaction(db, async (trx) => {
    const r = await draftToWrite(trx, principal, id);
    const subjects = new Map(subjectsOf(r).map((s) => [s.key, s]));
    let findings: SupervisionFinding[] = findingsOf(r);
    if (input.findings !== undefined) {
      const unknown = input.findings.flatMap((f, i) => (subjects.has(f.subjectKey) ? [] : [i]));
      if (unknown.length > 0)
        throw new AppError('VALIDATION_FAILED', 'A finding names a unit the report does not cover.', {
          issues: unknown.map((i) => ({
            path: `body.findings.${i}.subjectKey`,
            reason: 'unknown_subject',
            message: 'not a community or unit of the report',
          })),
        });
      findings = input.findings.map((f) => {
        const s = subjects.get(f.subjectKey) as NonNullable<ReturnType<typeof subjects.get>>;
        return {
          subjectKey: s.key,
          subjectName: s.name,
          regionPath: s.regionPath,
          text: f.text,
          dueOn: f.dueOn,
        };
      });
      refuseDueDaysPassed(findings, now, 'body.findings');
    }
    await createSupervisionRepository(trx).update(principal.districtCode, id, {
      title: input.title ?? r.title,
      body: input.body ?? r.body,
      findings,
      updatedAt: now,
    });
    await audit(trx, actor, {
      action: 'supervision_report.edited',
      result: 'success',
      objectType: 'supervision_report',
      objectId: id,
      detail: {
        changed: Object.keys(input),
        findings: findings.map((f) => ({ subject: f.subjectKey, dueOn: f.dueOn })),
      },
    });
  });
  const stored = await createSupervisionRepository(db).one(principal.districtCode, id);
  return reportView(db, principal, stored as StoredReport, now);
}

import type { Kysely } from 'kysely';
import type { SupervisionReport } from '../../../shared/domain/supervision.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { createFindings } from '../findings/create-findings.ts';
import { alreadyPublished, draftToWrite, refuseDueDaysPassed } from './edit-report.ts';
import { findingsOf, reportView } from './report-view.ts';
import { createSupervisionRepository, type StoredReport } from './supervision.repository.ts';

/**
 * POST /api/v1/supervision-reports/:id/publish: puts the draft on record and hands each finding to
 * its unit through the shared findings, in one transaction — a report is published exactly when
 * its findings exist. Once only (409); audited with the findings' ids.
 */
export async function publishSupervisionReport(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  id: string,
  now: Date,
): Promise<SupervisionReport> {
  await runTransaction(db, async (trx) => {
    const r = await draftToWrite(trx, principal, id);
    // A draft kept for a while may hold due days that have come meanwhile: they are set anew first.
    refuseDueDaysPassed(findingsOf(r), now, 'findings');
    if (
      !(await createSupervisionRepository(trx).publish(
        principal.districtCode,
        id,
        principal.displayName,
        now,
      ))
    )
      throw alreadyPublished();
    const findings = findingsOf(r);
    const ids = await createFindings(trx, {
      districtCode: principal.districtCode,
      sourceKind: 'supervision_report',
      sourceId: id,
      findings: findings.map((f) => ({
        subjectKey: f.subjectKey,
        subjectName: f.subjectName,
        regionPath: f.regionPath,
        text: f.text,
        dueOn: f.dueOn,
      })),
      actorId: principal.userId,
      now,
    });
    await audit(trx, actor, {
      action: 'supervision_report.published',
      result: 'success',
      objectType: 'supervision_report',
      objectId: id,
      detail: { region: r.region_id, findings: ids },
    });
  });
  const stored = await createSupervisionRepository(db).one(principal.districtCode, id);
  return reportView(db, principal, stored as StoredReport, now);
}

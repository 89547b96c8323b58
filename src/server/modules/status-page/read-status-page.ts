import type { Kysely } from 'kysely';
import type { CaseState } from '../../../shared/cases/workflow.ts';
import {
  maskTimeline,
  type PublicCaseStatus,
  residentRatingSchema,
  residentStage,
} from '../../../shared/domain/resident-status.ts';
import type { DB } from '../../db/schema.ts';
import { noSuchStatusLink, statusLinkCase } from './status-link-case.ts';
import { createStatusPageRepository } from './status-page.repository.ts';

/**
 * A resident's status page (issue 15 §2): their case's number, title and stage, the handling
 * unit's name, the masked timeline (shared/domain/resident-status.ts maskTimeline) and the
 * approved replies, and whether the rating form is open. Nothing of staff (names, phones, notes).
 */
export async function readStatusPage(db: Kysely<DB>, token: string): Promise<PublicCaseStatus> {
  const { districtCode, caseId } = await statusLinkCase(db, token);
  const repo = createStatusPageRepository(db);
  const c = await repo.caseOf(districtCode, caseId);
  if (!c) throw noSuchStatusLink();
  const events = await repo.events(districtCode, caseId);
  const { steps, replies } = maskTimeline(
    events.map((e) => ({ action: e.action, at: new Date(e.created_at), detail: e.detail ?? {} })),
  );
  const state = c.state as CaseState;
  const latest = residentRatingSchema.safeParse(c.latest_rating);
  return {
    number: c.number,
    title: c.title,
    reportedAt: new Date(c.created_at).toISOString(),
    stage: residentStage(state),
    unit: c.department_name ?? c.unit_region_name ?? null,
    steps,
    replies,
    ratingOpen: state === 'follow_up',
    latestRating: latest.success ? latest.data : null,
  };
}

import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { dueDayIsAhead } from '../../../shared/domain/findings.ts';
import type { ApproveScoreList, ScoreList } from '../../../shared/domain/score-lists.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { createFindings } from '../findings/create-findings.ts';
import { listDetail, visibleList } from './score-list-view.ts';
import { createScoreListsRepository } from './score-lists.repository.ts';
import { listPublished, refuseUnlessPublisher } from './update-list.ts';

/** The notice a published list leaves every unit of its place (worded by the web app). */
export const SCORE_LIST_TOPIC = 'score_list.published';

/**
 * POST /api/v1/score-lists/:id/approve: a leader who publishes the place's figures approves the
 * draft and it is published in one transaction — a notice to everyone working in the place, and
 * for a criticism list one finding per entry, due on the day set now (after today), which the
 * subject answers with its rectification; audited. Published once (409); a list of a reopened
 * period is stale and waits for the period's next close (409).
 */
export async function approveScoreList(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  id: string,
  input: ApproveScoreList,
  now: Date,
): Promise<ScoreList> {
  const list = await visibleList(db, principal, id);
  await refuseUnlessPublisher(db, principal, actor, list, 'score_list.published');
  const criticism = list.kind === 'criticism';
  if (criticism && (input.dueOn === undefined || !dueDayIsAhead(input.dueOn, cstDay(now))))
    throw new AppError('VALIDATION_FAILED', 'A criticism list needs a rectification day after today.', {
      issues: [{ path: 'body.dueOn', reason: 'due_required', message: 'a day after today' }],
    });
  if (list.period_state !== 'closed')
    throw new AppError(
      'SCORE_PERIOD_NOT_CLOSED',
      "The list's period was reopened: propose it again after the next close.",
    );
  const dueOn = criticism ? (input.dueOn as string) : null;
  await runTransaction(db, async (trx) => {
    const repo = createScoreListsRepository(trx);
    const locked = await repo.lock(principal.districtCode, id);
    if (!locked) throw new AppError('NOT_FOUND', 'No such list.');
    if (locked.state !== 'draft') throw listPublished();
    const entries = await repo.entriesOf(principal.districtCode, id);
    await repo.publish(principal.districtCode, id, {
      id: principal.userId,
      name: principal.displayName,
      at: now,
      dueOn,
    });
    let findings: string[] = [];
    if (criticism) {
      findings = await createFindings(trx, {
        districtCode: principal.districtCode,
        sourceKind: 'criticism_list',
        sourceId: id,
        findings: entries.map((e) => ({
          subjectKey: e.subject_key,
          subjectName: e.subject_name,
          regionPath: e.subject_path,
          text: e.text,
          dueOn: dueOn as string,
        })),
        actorId: principal.userId,
        now,
      });
      await repo.linkFindings(
        principal.districtCode,
        id,
        entries.map((e, i) => ({ subjectKey: e.subject_key, findingId: findings[i] as string })),
      );
    }
    const people = await repo.peopleOf(principal.districtCode, list.region_path);
    const params = JSON.stringify({ listId: id, kind: list.kind, title: list.title });
    await repo.notify(
      people.map((userId) => ({
        district_code: principal.districtCode,
        id: uuidv7(),
        user_id: userId,
        topic: SCORE_LIST_TOPIC,
        params,
        created_at: now,
      })),
    );
    await audit(trx, actor, {
      action: 'score_list.published',
      result: 'success',
      objectType: 'score_list',
      objectId: id,
      detail: {
        kind: list.kind,
        entries: entries.length,
        findings: findings.length,
        dueOn,
        notified: people.length,
      },
    });
  });
  return listDetail(db, principal, await visibleList(db, principal, id));
}

import type { Kysely } from 'kysely';
import type { ScoreList, ScoreListEntriesInput } from '../../../shared/domain/score-lists.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit, refuseAudited } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { createScorePeriodsRepository } from '../scores/score-periods.repository.ts';
import { listDetail, publishesAt, visibleList } from './score-list-view.ts';
import { createScoreListsRepository } from './score-lists.repository.ts';
import { subjectPlaces } from './subject-places.ts';

export const listPublished = () =>
  new AppError('SCORE_LIST_PUBLISHED', 'This list is published: it can no longer be changed.');

/** Refuses a list write by someone who only reads it (403, audited). */
export async function refuseUnlessPublisher(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  list: { id: string; region_path: string },
  action: 'score_list.updated' | 'score_list.published',
): Promise<void> {
  if (publishesAt(principal, list.region_path)) return;
  await refuseAudited(
    db,
    actor,
    { action, objectType: 'score_list', objectId: list.id },
    "Lists are edited and approved by leaders who publish the place's figures.",
  );
}

/**
 * PUT /api/v1/score-lists/:id/entries: the draft's entries as the leader words them — any subjects
 * of the period's table (added, removed, reordered), each with its text — and its title; audited.
 * A published list stays as it was (409).
 */
export async function updateScoreListEntries(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  id: string,
  input: ScoreListEntriesInput,
  now: Date,
): Promise<ScoreList> {
  const list = await visibleList(db, principal, id);
  await refuseUnlessPublisher(db, principal, actor, list, 'score_list.updated');
  await runTransaction(db, async (trx) => {
    const repo = createScoreListsRepository(trx);
    const locked = await repo.lock(principal.districtCode, id);
    if (!locked) throw new AppError('NOT_FOUND', 'No such list.');
    if (locked.state !== 'draft') throw listPublished();
    const rows = await createScorePeriodsRepository(trx).rowsOf(principal.districtCode, list.period_id);
    const byKey = new Map(rows.map((r) => [r.subject_key, r]));
    const unknown = input.entries.findIndex((e) => !byKey.has(e.subjectKey));
    if (unknown >= 0)
      throw new AppError('VALIDATION_FAILED', 'Only subjects of the period can be on its lists.', {
        issues: [
          {
            path: `body.entries.${unknown}.subjectKey`,
            reason: 'not_in_period',
            message: 'not a subject of the period',
          },
        ],
      });
    const chosen = input.entries.map((e) => ({
      entry: e,
      row: byKey.get(e.subjectKey) as (typeof rows)[number],
    }));
    const places = await subjectPlaces(
      trx,
      principal.districtCode,
      list.region_path,
      chosen.map((c) => c.row),
    );
    await repo.replaceEntries(
      principal.districtCode,
      id,
      chosen.map(({ entry, row }, position) => ({
        district_code: principal.districtCode,
        list_id: id,
        subject_key: row.subject_key,
        subject_kind: row.subject_kind,
        subject_name: row.subject_name,
        subject_path: places.get(row.subject_key) ?? list.region_path,
        position,
        score_cp: Number(row.score_cp),
        rank: Number(row.rank),
        text: entry.text,
      })),
      { ...(input.title !== undefined ? { title: input.title } : {}), at: now },
    );
    await audit(trx, actor, {
      action: 'score_list.updated',
      result: 'success',
      objectType: 'score_list',
      objectId: id,
      detail: { entries: input.entries.map((e) => e.subjectKey), title: input.title ?? null },
    });
  });
  return listDetail(db, principal, await visibleList(db, principal, id));
}

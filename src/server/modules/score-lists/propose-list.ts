import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import {
  defaultEntryText,
  type ProposeScoreList,
  proposedEntries,
  type ScoreList,
  type ScoreListKind,
} from '../../../shared/domain/score-lists.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { dateColumn } from '../../db/date-column.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { visiblePeriod } from '../scores/closed-periods.ts';
import { createScorePeriodsRepository } from '../scores/score-periods.repository.ts';
import { listDetail, publishesAt, visibleList } from './score-list-view.ts';
import { createScoreListsRepository } from './score-lists.repository.ts';
import { subjectPlaces } from './subject-places.ts';

const TITLES: Record<ScoreListKind, string> = { praise: '表扬单', criticism: '批评单' };

const exists = () =>
  new AppError('SCORE_LIST_EXISTS', 'This period has a list of this kind already: edit that one.');

/** The words a list's default title and wording name its period by (the document's language). */
export const periodWords = (from: string, to: string) => `${from}至${to}`;

/**
 * POST /api/v1/score-lists: a leader who publishes figures over a closed quarter's place proposes
 * its praise (red-listed subjects) or criticism list (black-listed), as the period's rules drew
 * those lines, with a default wording per entry; a draft, audited. Once per period and kind (409).
 */
export async function proposeScoreList(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  input: ProposeScoreList,
  now: Date,
): Promise<ScoreList> {
  const period = await visiblePeriod(db, principal, input.periodId);
  if (!publishesAt(principal, period.region_path)) {
    await runTransaction(db, (trx) =>
      audit(trx, actor, {
        action: 'score_list.proposed',
        result: 'denied',
        objectType: 'score_period',
        objectId: period.id,
      }),
    );
    throw new AppError('FORBIDDEN', "Lists are proposed by leaders who publish the place's figures.");
  }
  if (period.period_kind !== 'quarter')
    throw new AppError('VALIDATION_FAILED', 'Praise and criticism lists are drawn from a quarter.', {
      issues: [{ path: 'body.periodId', reason: 'not_quarter', message: 'Choose a closed quarter.' }],
    });
  if (period.state !== 'closed')
    throw new AppError('SCORE_PERIOD_NOT_CLOSED', 'This period was reopened: close it again first.');
  const from = dateColumn(period.period_from);
  const to = dateColumn(period.period_to);
  const id = uuidv7();
  await runTransaction(db, async (trx) => {
    const repo = createScoreListsRepository(trx);
    if ((await repo.kindsOfPeriod(principal.districtCode, period.id)).some((l) => l.kind === input.kind))
      throw exists();
    const rows = await createScorePeriodsRepository(trx).rowsOf(principal.districtCode, period.id);
    const chosen = proposedEntries(
      input.kind,
      rows.map((r) => ({
        subjectKey: r.subject_key,
        subjectKind: r.subject_kind,
        subjectName: r.subject_name,
        peerGroupName: r.peer_group_name,
        scoreCp: Number(r.score_cp),
        rank: Number(r.rank),
        list: r.list,
      })),
    );
    const places = await subjectPlaces(trx, principal.districtCode, period.region_path, rows);
    const words = `在${periodWords(from, to)}考核期内`;
    try {
      await repo.insert(
        {
          district_code: principal.districtCode,
          id,
          kind: input.kind,
          period_id: period.id,
          period_revision: Number(period.revision),
          region_id: period.region_id,
          region_path: period.region_path,
          region_name: period.region_name,
          period_kind: period.period_kind,
          period_from: from,
          period_to: to,
          title: `${period.region_name}${periodWords(from, to)}${TITLES[input.kind]}`.slice(0, 200),
          state: 'draft',
          due_on: null,
          proposed_by: principal.userId,
          proposed_by_name: principal.displayName,
          proposed_at: now,
          updated_at: now,
        },
        chosen.map((c, position) => ({
          district_code: principal.districtCode,
          list_id: id,
          subject_key: c.subjectKey,
          subject_kind: c.subjectKind,
          subject_name: c.subjectName,
          subject_path: places.get(c.subjectKey) ?? period.region_path,
          position,
          score_cp: c.scoreCp,
          rank: c.rank,
          text: defaultEntryText(input.kind, c, words),
        })),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw exists();
      throw error;
    }
    await audit(trx, actor, {
      action: 'score_list.proposed',
      result: 'success',
      objectType: 'score_list',
      objectId: id,
      detail: {
        kind: input.kind,
        period: period.id,
        revision: Number(period.revision),
        entries: chosen.length,
      },
    });
  });
  return listDetail(db, principal, await visibleList(db, principal, id));
}

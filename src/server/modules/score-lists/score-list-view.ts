import type { Kysely } from 'kysely';
import { anyReaches } from '../../../shared/auth/reach.ts';
import type { ScoreList, ScoreListSummary } from '../../../shared/domain/score-lists.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { LeagueSubjects } from '../../../shared/figures/league.ts';
import { dateColumn } from '../../db/date-column.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { readerScope } from '../league/published-leagues.ts';
import { createScorePeriodsRepository } from '../scores/score-periods.repository.ts';
import { createScoreListsRepository, type StoredScoreList } from './score-lists.repository.ts';

/** Whether the caller publishes figures over the place (proposes, edits, approves its lists). */
export function publishesAt(principal: Principal, path: string): boolean {
  return anyReaches(scopeFor(principal, 'figures:publish').paths, path);
}

/** The lists the caller sees: published ones as closed periods are seen, drafts where it publishes. */
export function visibleLists(
  db: Kysely<DB>,
  principal: Principal,
  filter: { at?: string; periodId?: string; id?: string },
) {
  return createScoreListsRepository(db).visible(
    principal.districtCode,
    readerScope(principal).paths,
    scopeFor(principal, 'figures:publish').paths,
    filter,
  );
}

/** One list the caller sees (NOT_FOUND otherwise, as for an unknown id). */
export async function visibleList(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
): Promise<StoredScoreList> {
  const [list] = await visibleLists(db, principal, { id });
  if (!list) throw new AppError('NOT_FOUND', 'No such list.');
  return { ...list, entries: Number(list.entries ?? 0) };
}

const isoOf = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function listSummary(l: StoredScoreList): ScoreListSummary {
  return {
    id: l.id,
    kind: l.kind,
    title: l.title,
    state: l.state,
    region: { id: l.region_id, name: l.region_name },
    period: {
      id: l.period_id,
      kind: l.period_kind,
      from: dateColumn(l.period_from),
      to: dateColumn(l.period_to),
      revision: Number(l.period_revision),
    },
    stale: l.period_state !== 'closed',
    dueOn: l.due_on === null ? null : dateColumn(l.due_on),
    proposedBy: l.proposed_by_name,
    proposedAt: new Date(l.proposed_at).toISOString(),
    approvedBy: l.approved_by_name,
    approvedAt: isoOf(l.approved_at),
    entries: Number(l.entries ?? 0),
  };
}

/** A list with its entries, the period's other subjects a draft may add, and the caller's actions. */
export async function listDetail(
  db: Kysely<DB>,
  principal: Principal,
  l: StoredScoreList,
): Promise<ScoreList> {
  const [entries, rows] = await Promise.all([
    createScoreListsRepository(db).entriesOf(l.district_code, l.id),
    createScorePeriodsRepository(db).rowsOf(l.district_code, l.period_id),
  ]);
  const listed = new Set(entries.map((e) => e.subject_key));
  const publishes = publishesAt(principal, l.region_path);
  const draft = l.state === 'draft';
  return {
    ...listSummary({ ...l, entries: entries.length }),
    items: entries.map((e) => ({
      subjectKey: e.subject_key,
      subjectKind: e.subject_kind as LeagueSubjects,
      subjectName: e.subject_name,
      scoreCp: Number(e.score_cp),
      rank: Number(e.rank),
      text: e.text,
      findingId: e.finding_id,
    })),
    candidates:
      draft && publishes
        ? rows
            .filter((r) => !listed.has(r.subject_key))
            .map((r) => ({
              subjectKey: r.subject_key,
              subjectName: r.subject_name,
              scoreCp: Number(r.score_cp),
              rank: Number(r.rank),
            }))
        : [],
    actions: [
      ...(draft && publishes ? (['edit', 'approve'] as const) : []),
      ...(draft ? [] : (['export'] as const)),
    ],
  };
}

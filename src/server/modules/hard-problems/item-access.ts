import type { Kysely } from 'kysely';
import { anyReaches } from '../../../shared/auth/reach.ts';
import { ROLE_PERMISSIONS } from '../../../shared/auth/roles.ts';
import { isUnitMember } from '../../../shared/cases/levels.ts';
import {
  type HardProblem,
  type HardProblemSummary,
  isFinished,
  milestoneMissedOn,
} from '../../../shared/domain/hard-problem.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { dateColumn } from '../../db/date-column.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor, scopeFor } from '../auth/scope.ts';
import { createHardProblemsRepository, type ItemReach, type StoredItem } from './hard-problems.repository.ts';

/**
 * Who reads an item: a reader whose place grant reaches the item's place or lies below it (a
 * community reads its street's list), and a department that owns it. A department grant reaches
 * its node's geography, not its list, as it reaches no case by place.
 */
export function readerReach(principal: Principal): ItemReach {
  const paths = principal.grants
    .filter((g) => g.scopeDepartmentId === null && ROLE_PERMISSIONS[g.role].includes('cases:read'))
    .map((g) => g.scopePath);
  return { paths, departmentIds: caseScopeFor(principal).departmentIds };
}

export function mayRead(
  principal: Principal,
  item: Pick<StoredItem, 'region_path' | 'owner_kind' | 'owner_id'>,
): boolean {
  const reach = readerReach(principal);
  return (
    anyReaches(reach.paths, item.region_path) ||
    reach.paths.some((p) => p.startsWith(`${item.region_path}.`)) ||
    (item.owner_kind === 'department' && reach.departmentIds.includes(item.owner_id))
  );
}

/** Leaders who publish figures over the item's place plan it, link its cases and finish it. */
export function mayEdit(principal: Principal, item: Pick<StoredItem, 'region_path'>): boolean {
  return anyReaches(scopeFor(principal, 'figures:publish').paths, item.region_path);
}

/**
 * Progress is reported like a case's by the unit that owns it: its department's handlers, or the
 * owning community's own case handlers; and by the leaders who edit it.
 */
export function mayReport(
  principal: Principal,
  item: Pick<StoredItem, 'region_path' | 'owner_kind' | 'owner_id'>,
  ownerPath: string | null,
): boolean {
  if (mayEdit(principal, item)) return true;
  if (item.owner_kind === 'department')
    return principal.grants.some(
      (g) => g.scopeDepartmentId === item.owner_id && ROLE_PERMISSIONS[g.role].includes('cases:handle'),
    );
  // The community's own handlers (levels.ts): a street-wide grant reaches it but is not its unit.
  return principal.grants.some(
    (g) =>
      g.scopeDepartmentId === null &&
      ROLE_PERMISSIONS[g.role].includes('cases:handle') &&
      isUnitMember(g.scopePath, ownerPath),
  );
}

/** The item if the caller reads it; NOT_FOUND, as for an unknown id, otherwise. */
export async function readableItem(db: Kysely<DB>, principal: Principal, id: string): Promise<StoredItem> {
  const item = await createHardProblemsRepository(db).find(principal.districtCode, id);
  if (!item || !mayRead(principal, item)) throw new AppError('NOT_FOUND', 'No such hard-problem item.');
  return item;
}

/** Locks the item for a leader's change: 404 unread, 403 unedited, 409 finished, 412 changed. */
export async function editableItem(
  trx: Kysely<DB>,
  principal: Principal,
  id: string,
  version?: number,
): Promise<StoredItem> {
  const item = await createHardProblemsRepository(trx).lock(principal.districtCode, id);
  if (!item || !mayRead(principal, item)) throw new AppError('NOT_FOUND', 'No such hard-problem item.');
  if (!mayEdit(principal, item))
    throw new AppError('FORBIDDEN', "Only a leader who publishes figures for the item's place changes it.");
  if (isFinished(item.state)) throw new AppError('HARD_PROBLEM_FINISHED', 'The item is finished.');
  if (version !== undefined && item.version !== version)
    throw new AppError('PRECONDITION_FAILED', `The item changed meanwhile (now version ${item.version}).`);
  return item;
}

/** Whether a milestone of `item` is missed by `today` (shared/domain/hard-problem.ts). */
export function milestoneMissed(
  m: { target_date: string | Date; done_on: string | Date | null },
  item: { finished_at: Date | string | null },
  today: string,
): boolean {
  const on = milestoneMissedOn(
    { targetDate: dateColumn(m.target_date), doneOn: m.done_on === null ? null : dateColumn(m.done_on) },
    item.finished_at === null ? null : cstDay(new Date(item.finished_at)),
  );
  return on !== null && on <= today;
}

export function summaryOf(
  item: StoredItem,
  cases: number,
  milestones: readonly { target_date: string | Date; done_on: string | Date | null }[],
  now: Date,
): HardProblemSummary {
  const today = cstDay(now);
  return {
    id: item.id,
    kind: item.kind,
    topicMonth: item.topic_month,
    regionId: item.region_id,
    regionName: item.region_name,
    title: item.title,
    categoryId: item.category_id,
    owner: {
      kind: item.owner_kind,
      id: item.owner_id,
      name: item.owner_name,
      person: item.responsible_person,
    },
    targetDate: dateColumn(item.target_date),
    state: item.state,
    cases,
    milestones: milestones.length,
    milestonesDone: milestones.filter((m) => m.done_on !== null).length,
    milestonesMissed: milestones.filter((m) => milestoneMissed(m, item, today)).length,
    createdAt: new Date(item.created_at).toISOString(),
  };
}

/** The whole item as its page shows it. */
export async function itemView(
  db: Kysely<DB>,
  principal: Principal,
  item: StoredItem,
  now: Date,
): Promise<HardProblem> {
  const repo = createHardProblemsRepository(db);
  const [milestones, cases, notes, owner] = await Promise.all([
    repo.milestones(principal.districtCode, [item.id]),
    repo.itemCases(principal.districtCode, item.id),
    repo.notes(principal.districtCode, item.id),
    item.owner_kind === 'region'
      ? repo.region(principal.districtCode, item.owner_id)
      : Promise.resolve(undefined),
  ]);
  const today = cstDay(now);
  const finished = isFinished(item.state);
  return {
    ...summaryOf(item, cases.length, milestones, now),
    plan: item.plan,
    result: item.result,
    finishedAt: item.finished_at ? new Date(item.finished_at).toISOString() : null,
    proposalKey: item.proposal_key,
    version: item.version,
    createdByName: item.created_by_name,
    milestoneList: milestones.map((m) => ({
      id: m.id,
      name: m.name,
      targetDate: dateColumn(m.target_date),
      doneOn: m.done_on === null ? null : dateColumn(m.done_on),
      missed: milestoneMissed(m, item, today),
    })),
    caseList: cases.map((c) => ({
      id: c.id,
      number: c.number,
      title: c.title,
      state: c.state,
      createdAt: new Date(c.created_at).toISOString(),
      linkedAt: new Date(c.linked_at).toISOString(),
    })),
    notes: notes.map((n) => ({
      id: n.id,
      day: dateColumn(n.day),
      text: n.text,
      fromState: n.from_state,
      toState: n.to_state,
      byName: n.created_by_name,
      at: new Date(n.created_at).toISOString(),
    })),
    actions: {
      edit: !finished && mayEdit(principal, item),
      report: !finished && mayReport(principal, item, owner?.path ?? null),
    },
  };
}

import type { Insertable, Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { isUnitMember, levelDispatchers } from '../../../shared/cases/levels.ts';
import { type CaseAction, type Clock, TERMINAL_STATES, TRANSITIONS } from '../../../shared/cases/workflow.ts';
import type { CaseSweepMark } from '../../../shared/domain/audit.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import type { DB, OutboxMessageTable } from '../../db/schema.ts';
import type { WriteBatch } from '../../db/write-batch.ts';
import { readAtVersion } from '../auth/versioned-cache.ts';
import type { CaseRow } from '../cases/cases.repository.ts';
import { createNotificationRepository, type NotificationRepository } from './notifications.repository.ts';

/** What the clock sweeper records on a case without changing its state. */
export type SweepEvent = CaseSweepMark;

export interface CaseChange {
  /** The case after the change. */
  row: CaseRow;
  /** A workflow action, `submit` for a new case, or a sweeper event. */
  action: CaseAction | 'submit' | SweepEvent;
  /** Who acted; never told about their own change. Null for a resident's report or the sweeper. */
  actorId: string | null;
  now: Date;
  /** The clock a sweeper event is about. */
  clock?: Clock;
  /**
   * The auth version the actor's principal was resolved under: who holds which grant over the
   * case's place is then answered from memory at that version (versioned-cache.ts).
   */
  authVersion?: number | undefined;
}

/** The SMS recipient that stands for the case's reporter; the number is read at delivery. */
export const CASE_REPORTER = 'case-reporter';

/** Clocks whose deadline the first responder owns rather than the handling unit. */
const RESPONDER_CLOCKS: ReadonlySet<Clock> = new Set(['follow_up', 'progress']);

/** The repository, its grant holders over a place kept in memory under the auth version. */
function holdersKeptAtVersion(
  repo: NotificationRepository,
  db: Kysely<DB>,
  authVersion: number | undefined,
): NotificationRepository {
  if (authVersion === undefined) return repo;
  return {
    ...repo,
    regionGrantHolders: async (districtCode, roles, path) =>
      (await readAtVersion(db, { districtCode, authVersion }, `holders:${roles.join(',')}:${path}`, () =>
        repo.regionGrantHolders(districtCode, roles, path),
      )) ?? [],
  };
}

/** The handling unit's people: a department's handlers, or the community's workers and cadres. */
async function unitUsers(repo: NotificationRepository, row: CaseRow): Promise<string[]> {
  if (row.unit_department_id) return repo.departmentHandlers(row.district_code, [row.unit_department_id]);
  if (row.unit_region_path) {
    const holders = await repo.regionGrantHolders(
      row.district_code,
      ['grid_worker', 'cadre'],
      row.unit_region_path,
    );
    return holders.filter((h) => isUnitMember(h.scopePath, row.unit_region_path)).map((h) => h.userId);
  }
  return [];
}

/** The dispatchers of the case's level (or the nearest level above that has any) over its place. */
async function dispatchers(repo: NotificationRepository, row: CaseRow): Promise<string[]> {
  const holders = await repo.regionGrantHolders(row.district_code, ['dispatcher'], row.region_path);
  return levelDispatchers(holders, row.level).map((h) => h.userId);
}

const firstResponder = (row: CaseRow) => (row.first_responder_id ? [row.first_responder_id] : []);

/** Whoever must act on the clock that ran out: the responder for follow-up and progress, else the unit. */
async function clockOwners(repo: NotificationRepository, row: CaseRow, clock: Clock | undefined) {
  if (clock && RESPONDER_CLOCKS.has(clock)) return firstResponder(row);
  const unit = await unitUsers(repo, row);
  return unit.length > 0 ? unit : dispatchers(repo, row);
}

/** The people who must act next after this change, before the actor is taken out. */
async function recipientsOf(repo: NotificationRepository, change: CaseChange): Promise<string[]> {
  const { row } = change;
  switch (change.action) {
    case 'dispatch':
    case 'redispatch':
    case 'refuse_return':
    case 'rehandle':
      return unitUsers(repo, row);
    case 'submit':
    case 'return':
    case 'request_extension':
    case 'escalate':
      return dispatchers(repo, row);
    case 'rate':
      return row.state === 'reopened' ? dispatchers(repo, row) : [];
    case 'whistle':
      return repo.departmentHandlers(
        row.district_code,
        await repo.departmentsSummonedNow(row.district_code, row.id, change.now),
      );
    case 'reply':
      return firstResponder(row);
    case 'approve_extension':
    case 'refuse_extension':
      // The unit that asked, and the first responder, who owns what the resident is told.
      return [...(await unitUsers(repo, row)), ...firstResponder(row)];
    case 'overdue':
    case 'progress_due':
      return clockOwners(repo, row, change.clock);
    case 'supervise': {
      // 督办 goes to whoever owes the work and to the street's leaders above the case.
      const leaders = await repo.regionGrantHolders(row.district_code, ['leader'], row.region_path);
      return [...(await clockOwners(repo, row, change.clock)), ...leaders.map((h) => h.userId)];
    }
    default:
      return [];
  }
}

/**
 * What the reporter is texted about this change, or null: a progress notice carries what the first
 * responder wrote; an approved extension the new deadline, so the resident hears of the delay
 * without anyone having to remember to tell them.
 */
async function reporterMessage(repo: NotificationRepository, change: CaseChange): Promise<string | null> {
  const { row } = change;
  if (change.action !== 'progress_notice' && change.action !== 'approve_extension') return null;
  const detail = (await repo.eventDetail(row.district_code, row.id, row.version)) ?? {};
  if (change.action === 'progress_notice') return String(detail.message ?? '');
  const due = typeof detail.dueAt === 'string' ? `，预计${cstDay(new Date(detail.dueAt))}前办结` : '';
  return `办理期限已延长${Number(detail.workingDays)}个工作日${due}。`;
}

/** Actions that answer the resident: what the 12345 platform is told as the order's reply. */
const HOTLINE_REPLIES: ReadonlySet<string> = new Set(['reply', 'answer', 'resolve_on_spot']);

/** The topic of the outbox messages that push a hotline case's reply or closing back to the platform. */
export const HOTLINE_TOPICS = { reply: 'hotline.reply', closed: 'hotline.closed' } as const;

/**
 * What the 12345 platform is told about a change of one of its orders, or null: the reply (with
 * its text) when the case is answered, and the outcome when the case ends (closed, rejected,
 * merged or cancelled). Other changes are the district's own business.
 */
async function hotlinePush(
  repo: NotificationRepository,
  change: CaseChange,
): Promise<{ topic: string; payload: Record<string, unknown> } | null> {
  const { row, action } = change;
  if (row.channel !== 'hotline_12345') return null;
  const replies = HOTLINE_REPLIES.has(action);
  const transition = (TRANSITIONS as Record<string, { to: unknown }>)[action];
  const ends = transition !== undefined && transition.to !== 'same' && TERMINAL_STATES.has(row.state);
  if (!replies && !ends) return null;
  const orderNumber = await repo.hotlineOrderNumber(row.district_code, row.id);
  if (orderNumber === null) return null;
  const detail = replies ? ((await repo.eventDetail(row.district_code, row.id, row.version)) ?? {}) : {};
  return {
    topic: replies ? HOTLINE_TOPICS.reply : HOTLINE_TOPICS.closed,
    payload: {
      orderNumber,
      caseNumber: row.number,
      state: row.state,
      ...(replies ? { reply: String(detail.reply ?? '') } : { rating: row.latest_rating }),
      at: change.now.toISOString(),
    },
  };
}

/**
 * Writes the outbox messages a change of a case causes, in the change's own transaction, so a
 * notification is sent if and only if the change committed: one webhook message per change, an
 * in-app message to each person who must act next (never the actor), and for a progress notice or
 * an approved extension a text message to the reporter when the case has their phone; for a 12345
 * case its reply and its end, pushed back to the platform (channel `hotline`).
 */
export async function enqueueCaseNotifications(
  trx: Kysely<DB>,
  change: CaseChange,
  batch?: WriteBatch,
): Promise<void> {
  const { row, now } = change;
  const repo = holdersKeptAtVersion(createNotificationRepository(trx), trx, change.authVersion);
  const topic = `case.${change.action}`;
  const base = { district_code: row.district_code, topic, case_id: row.id, next_attempt_at: now };
  const messages: Insertable<OutboxMessageTable>[] = [
    {
      ...base,
      id: uuidv7(),
      channel: 'webhook',
      recipient: null,
      payload: JSON.stringify({
        id: row.id,
        number: row.number,
        state: row.state,
        version: row.version,
        ...(change.clock ? { clock: change.clock } : {}),
      }),
    },
  ];
  const params = {
    number: row.number,
    title: row.title,
    state: row.state,
    ...(change.clock ? { clock: change.clock } : {}),
  };
  const recipients = new Set(await recipientsOf(repo, change));
  if (change.actorId) recipients.delete(change.actorId);
  for (const userId of recipients) {
    messages.push({
      ...base,
      id: uuidv7(),
      channel: 'in_app',
      recipient: userId,
      payload: JSON.stringify(params),
    });
  }
  const text = row.reporter_phone_enc ? await reporterMessage(repo, change) : null;
  if (text !== null) {
    messages.push({
      ...base,
      id: uuidv7(),
      channel: 'sms',
      recipient: CASE_REPORTER,
      // The number stays encrypted on the case; delivery reads it.
      payload: JSON.stringify({ number: row.number, message: text }),
    });
  }
  const push = await hotlinePush(repo, change);
  if (push) {
    messages.push({
      ...base,
      topic: push.topic,
      id: uuidv7(),
      channel: 'hotline',
      recipient: null,
      payload: JSON.stringify(push.payload),
    });
  }
  await repo.insertOutbox(messages, batch);
}

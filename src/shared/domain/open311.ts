import { z } from 'zod';
import { type CaseState, TERMINAL_STATES } from '../cases/workflow.ts';
import { textSchema } from '../validation/text.ts';

/**
 * Open311 GeoReport v2 (issue 15 §3, docs/specs/residents-and-intake.md "Open311"): the API
 * clients an administrator issues keys to, and the pure rules of the standard's answers (status,
 * datetimes, the request window).
 */

export const open311ClientSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type Open311Client = z.infer<typeof open311ClientSchema>;

export const open311ClientListSchema = z.object({ items: z.array(open311ClientSchema) });
export type Open311ClientList = z.infer<typeof open311ClientListSchema>;

export const createOpen311ClientSchema = z.object({ name: textSchema(100) }).strict();
export type CreateOpen311Client = z.infer<typeof createOpen311ClientSchema>;

/** The answer to issuing a key: the only time the key itself is ever shown. */
export const issuedOpen311ClientSchema = z.object({ id: z.uuid(), name: z.string(), apiKey: z.string() });
export type IssuedOpen311Client = z.infer<typeof issuedOpen311ClientSchema>;

/** An API key: the district code, a dot, 32 random bytes in base64url (the district routes the lookup). */
export const OPEN311_KEY_PATTERN = /^(\d{6})\.([A-Za-z0-9_-]{43})$/;

/** Open311 knows two states: every terminal state of a case (closed, rejected, merged, cancelled) is closed. */
export function open311Status(state: CaseState): 'open' | 'closed' {
  return TERMINAL_STATES.has(state) ? 'closed' : 'open';
}

/** UTC with `Z` and no fractional seconds: what the strictest clients parse. */
export function open311Datetime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

/** W3C datetimes (ISO 8601 subset) with a mandatory zone, as the spec requires of clients too. */
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A datetime parameter, or null when it is not one (no zone, not a date). */
export function parseOpen311Datetime(value: string): Date | null {
  if (!W3C_DATETIME.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

export const OPEN311_MAX_DAYS = 90;
export const OPEN311_MAX_REQUESTS = 1000;
const DAY_MS = 86_400_000;

/**
 * The window GET requests covers: the spec's default is the most recent 90 days; one bound given
 * reaches 90 days from it; a window longer than 90 days or ending before it starts is refused.
 */
export function open311Window(
  start: Date | null,
  end: Date | null,
  now: Date,
): { from: Date; to: Date } | { error: string } {
  const to =
    end ?? (start ? new Date(Math.min(now.getTime(), start.getTime() + OPEN311_MAX_DAYS * DAY_MS)) : now);
  const from = start ?? new Date(to.getTime() - OPEN311_MAX_DAYS * DAY_MS);
  if (from.getTime() > to.getTime()) return { error: 'start_date is after end_date.' };
  if (to.getTime() - from.getTime() > OPEN311_MAX_DAYS * DAY_MS)
    return { error: `The date range is longer than ${OPEN311_MAX_DAYS} days.` };
  return { from, to };
}

/**
 * What a state change tells the outside world (status notes and updates): the state in the
 * resident's words, never who did it nor what the staff wrote to each other.
 */
export const OPEN311_STATE_NOTES: Readonly<Record<CaseState, string>> = {
  submitted: '已登记，等待受理。',
  accepted: '已受理。',
  dispatched: '已派至承办单位。',
  returned: '正在重新确定承办单位。',
  in_progress: '承办单位正在办理。',
  replied: '已办理并答复，等待回访。',
  follow_up: '正在回访。',
  reopened: '回访后重新办理。',
  closed: '已办结。',
  rejected: '不予受理。',
  merged: '已与同一事项合并办理。',
  cancelled: '已撤销。',
};

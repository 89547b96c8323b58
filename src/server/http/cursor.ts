import { z } from 'zod';
import { LIST_TOTAL_CAP } from '../../shared/domain/paging.ts';
import { AppError } from '../../shared/errors/app-error.ts';
import { untrimmedTextSchema } from '../../shared/validation/text.ts';

/**
 * Opaque keyset cursors: the sort key and id of the last row of a page, base64url JSON. The key
 * and id go into SQL as a timestamp, a code or a uuid, so the decoder checks their shapes with
 * the list's key schema: a cursor a client made up is a 422 naming the `after` parameter, never a
 * 500 from the database.
 */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

/** `Date#toISOString()` output for years 0001–9999 (year 0 and beyond 9999 are not timestamps in SQL). */
function isCanonicalInstant(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) || value.startsWith('0000')) return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === value;
}

/** The shapes of sort keys the lists use. */
export const CURSOR_KEYS = {
  /** A time, as the server wrote it (cases, visits, the ledger). */
  instant: z.string().refine(isCanonicalInstant),
  /** A code kept as stored (household codes, credit codes). */
  code: untrimmedTextSchema(100),
} as const;

function invalidCursor(): AppError {
  return new AppError('VALIDATION_FAILED', 'Invalid cursor.', {
    issues: [{ path: 'querystring.after', reason: 'cursor', message: 'invalid cursor' }],
  });
}

export function decodeCursor<K>(cursor: string, key: z.ZodType<K, string>): [K, string] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = z.tuple([key, z.uuid()]).safeParse(value);
  if (!parsed.success) throw invalidCursor();
  return parsed.data as [K, string];
}

/** A keyset page as list routes answer it: the items, the cursor after the last row, the total. */
export function pageBody<R extends { id: string }, I>(
  page: { rows: R[]; hasMore: boolean; total: number },
  sortKey: (row: R) => string,
  item: (row: R) => I,
): { items: I[]; next: string | null; total: number } {
  const last = page.rows.at(-1);
  return {
    items: page.rows.map(item),
    next: page.hasMore && last ? encodeCursor(sortKey(last), last.id) : null,
    total: page.total,
  };
}

/**
 * The rows a numbered page skips (shared/domain/paging.ts): none without a page. A page comes
 * instead of a cursor, never with one, and only within the capped total, so a jump stays a
 * bounded OFFSET (a 422 naming `page` otherwise).
 */
export function pageOffset(page: number | undefined, limit: number, after: string | undefined): number {
  if (page === undefined) return 0;
  const refuse = (reason: string, message: string) =>
    new AppError('VALIDATION_FAILED', message, { issues: [{ path: 'querystring.page', reason, message }] });
  if (after !== undefined) throw refuse('page_with_cursor', 'page and after do not go together');
  const offset = (page - 1) * limit;
  if (offset >= LIST_TOTAL_CAP) throw refuse('beyond_cap', `pages reach the first ${LIST_TOTAL_CAP} rows`);
  return offset;
}

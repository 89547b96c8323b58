import { AppError } from '../../shared/errors/app-error.ts';

/**
 * Opaque keyset cursors: the sort key and id of the last row of a page, base64url JSON. A cursor
 * a client made up is a 422 naming the `after` parameter, never a 500.
 */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return value as [string, string];
    }
  } catch {
    // Not base64url JSON: refused below like any other malformed cursor.
  }
  throw new AppError('VALIDATION_FAILED', 'Invalid cursor.', {
    issues: [{ path: 'querystring.after', reason: 'cursor', message: 'invalid cursor' }],
  });
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

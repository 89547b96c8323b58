/**
 * Paging through a list the server hands out by cursor (`after=<opaque>`; each page says where
 * the next one starts). Pages can only be reached in order, so the state is the cursor of every
 * page seen so far and the one being shown; going back reuses a remembered cursor.
 */
export interface CursorPaging {
  /** `cursors[i]` starts page i; page 0 starts at the beginning (undefined). */
  readonly cursors: readonly (string | undefined)[];
  readonly index: number;
  /** False until the current page has loaded and said whether another follows. */
  readonly known: boolean;
}

export const firstPage: CursorPaging = { cursors: [undefined], index: 0, known: false };

/** The `after` cursor to request the current page with. */
export function currentCursor(paging: CursorPaging): string | undefined {
  return paging.cursors[paging.index];
}

/** Records what the current page said about the next one (`next` is null on the last page). */
export function pageLoaded(paging: CursorPaging, next: string | null): CursorPaging {
  const cursors = paging.cursors.slice(0, paging.index + 1);
  if (next !== null) cursors.push(next);
  return { cursors, index: paging.index, known: true };
}

export function hasNextPage(paging: CursorPaging): boolean {
  return paging.known && paging.cursors.length > paging.index + 1;
}

export function hasPreviousPage(paging: CursorPaging): boolean {
  return paging.index > 0;
}

export function nextPage(paging: CursorPaging): CursorPaging {
  return hasNextPage(paging) ? { cursors: paging.cursors, index: paging.index + 1, known: false } : paging;
}

export function previousPage(paging: CursorPaging): CursorPaging {
  return hasPreviousPage(paging)
    ? { cursors: paging.cursors, index: paging.index - 1, known: false }
    : paging;
}

/** How many pages `total` rows make (at least one, so an empty list reads "page 1 of 1"). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The 1-based row numbers the current page shows, e.g. 21–40; 0–0 for an empty list. */
export function rowRange(paging: CursorPaging, pageSize: number, rowsOnPage: number): [number, number] {
  if (rowsOnPage === 0) return [0, 0];
  const first = paging.index * pageSize + 1;
  return [first, first + rowsOnPage - 1];
}

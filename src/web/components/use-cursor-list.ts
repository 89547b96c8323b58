import { useCallback, useState } from 'react';
import { type AsyncState, useAsync } from '../api/use-async.ts';
import {
  type CursorPaging,
  currentCursor,
  firstPage,
  nextPage,
  pageLoaded,
  previousPage,
} from './cursor-paging.ts';

export const LIST_PAGE_SIZE = 20;

/** One page of a list the server hands out by cursor. */
export interface CursorPage<Row = unknown> {
  items: Row[];
  /** Where the next page starts; null on the last page. */
  next: string | null;
  total: number;
}

/** What the page being shown asks the server for, on top of the page's own filters. */
export interface PageRequest {
  q: string;
  after: string | undefined;
  limit: number;
}

export interface CursorList<List extends CursorPage> {
  /** The last page that arrived; kept while the next one loads, so the table does not jump. */
  shown: List | null;
  paging: CursorPaging;
  result: AsyncState<List> & { reload: () => void };
  /** A new search text (trimmed) starts again from the first page. */
  search: (text: string) => void;
  previous: () => void;
  next: () => void;
}

/**
 * A searchable list paged by the server's cursor. `fetchPage` (wrapped in useCallback with the
 * page's filters) asks for one page; a new `filterKey` (another filter chosen on the page, or
 * back and forward) starts again from the first page but keeps the search text.
 */
export function useCursorList<List extends CursorPage>(
  fetchPage: (page: PageRequest, signal: AbortSignal) => Promise<List>,
  filterKey = '',
): CursorList<List> {
  const [query, setQuery] = useState('');
  const [paging, setPaging] = useState<CursorPaging>(firstPage);
  const [shown, setShown] = useState<List | null>(null);

  const [pagedFilter, setPagedFilter] = useState(filterKey);
  if (pagedFilter !== filterKey) {
    setPagedFilter(filterKey);
    setPaging(firstPage);
  }
  const cursor = currentCursor(paging);
  const index = paging.index;
  const load = useCallback(
    async (signal: AbortSignal) => {
      const list = await fetchPage({ q: query, after: cursor, limit: LIST_PAGE_SIZE }, signal);
      if (!signal.aborted) {
        setShown(list);
        setPaging((current) => (current.index === index ? pageLoaded(current, list.next) : current));
      }
      return list;
    },
    [fetchPage, query, cursor, index],
  );
  const result = useAsync(load);

  return {
    shown,
    paging,
    result,
    search: (text) => {
      setQuery(text.trim());
      setPaging(firstPage);
    },
    previous: () => setPaging(previousPage),
    next: () => setPaging(nextPage),
  };
}

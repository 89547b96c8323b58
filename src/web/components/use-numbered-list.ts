import { useCallback, useState } from 'react';
import { type AsyncState, useAsync } from '../api/use-async.ts';

/** One numbered page of a list, with its total counted up to the cap (shared/domain/paging.ts). */
export interface NumberedPage<Row = unknown> {
  items: Row[];
  total: number;
  totalCapped: boolean;
}

export interface NumberedList<List extends NumberedPage> {
  /** The last page that arrived; kept while the next one loads, so the table does not jump. */
  shown: List | null;
  result: AsyncState<List> & { reload: () => void };
}

/**
 * A list the server hands out by page number. `fetchPage` (wrapped in useCallback with the page's
 * filters and number, which live in the address) asks for the page; another page or filter loads
 * again, keeping the rows shown until it arrives.
 */
export function useNumberedList<List extends NumberedPage>(
  fetchPage: (signal: AbortSignal) => Promise<List>,
): NumberedList<List> {
  const [shown, setShown] = useState<List | null>(null);
  const load = useCallback(
    async (signal: AbortSignal) => {
      const list = await fetchPage(signal);
      if (!signal.aborted) setShown(list);
      return list;
    },
    [fetchPage],
  );
  return { shown, result: useAsync(load) };
}

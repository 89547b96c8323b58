import { useCallback, useState } from 'react';
import type { PickedRegion } from './RegionTreeSelect.tsx';
import { type CursorPage, type PageRequest, useCursorList } from './use-cursor-list.ts';

/** What a list filtered by one region asks the server for. */
export interface RegionPageQuery {
  regionId?: string;
  after?: string;
  limit: number;
}

/**
 * A cursor-paged list filtered by a region picked on the page (the caller's whole scope while none
 * is); picking another region starts again from the first page. `fetch` must keep its identity
 * between renders (a method of a memoised API object).
 */
export function useRegionCursorList<List extends CursorPage>(
  fetch: (query: RegionPageQuery, signal: AbortSignal) => Promise<List>,
) {
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const regionId = region?.id;
  const fetchPage = useCallback(
    (page: PageRequest, signal: AbortSignal) =>
      fetch(
        {
          ...(regionId ? { regionId } : {}),
          ...(page.after ? { after: page.after } : {}),
          limit: page.limit,
        },
        signal,
      ),
    [fetch, regionId],
  );
  const list = useCursorList(fetchPage, regionId ?? '');
  return { region, setRegion, list };
}

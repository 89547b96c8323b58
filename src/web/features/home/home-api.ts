import { useMemo } from 'react';
import { caseListSchema } from '../../../shared/domain/case.ts';
import { quotaReportSchema, visitDayListSchema } from '../../../shared/domain/coverage.ts';
import { homeCountsSchema } from '../../../shared/domain/home.ts';
import { visitListSchema } from '../../../shared/domain/visit.ts';
import type { ApiClient } from '../../api/client.ts';
import { useApi } from '../../app/api-context.tsx';
import { type CaseFilters, caseListParams } from '../cases/cases-api.ts';
import { queryOf } from '../visits/visits-api.ts';

const withSignal = (signal: AbortSignal) => ({ signal });

/** What the home pages read: their own counts, and the totals of the lists each count opens. */
export function homeApi(api: ApiClient) {
  return {
    counts: (signal: AbortSignal) =>
      api.request('GET', '/api/v1/home/counts', homeCountsSchema, withSignal(signal)),
    /** A case list view's first rows and total (the home shows the total, or reads the rows' clocks). */
    cases: (filters: CaseFilters, limit: number, signal: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/cases?${caseListParams(filters, { limit })}`,
        caseListSchema,
        withSignal(signal),
      ),
    /** The visits a person took part in on a Beijing day. */
    visitsOn: (userId: string, day: string, signal: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/visits${queryOf({ userId, from: day, to: day, limit: 1 })}`,
        visitListSchema,
        withSignal(signal),
      ),
    visitDay: (signal: AbortSignal) =>
      api.request('GET', '/api/v1/visit-days/next?limit=200', visitDayListSchema, withSignal(signal)),
    quota: (regionId: string, signal: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/coverage/quota${queryOf({ regionId })}`,
        quotaReportSchema,
        withSignal(signal),
      ),
  };
}

export function useHomeApi() {
  const api = useApi();
  return useMemo(() => homeApi(api), [api]);
}

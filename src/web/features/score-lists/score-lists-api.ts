import { useMemo } from 'react';
import { z } from 'zod';
import {
  type FindingsQuery,
  findingListSchema,
  findingSchema,
  type RectificationInput,
} from '../../../shared/domain/findings.ts';
import {
  type ApproveScoreList,
  type ProposeScoreList,
  type ScoreListEntriesInput,
  scoreListSchema,
  scoreListSummarySchema,
} from '../../../shared/domain/score-lists.ts';
import { scorePeriodSummarySchema } from '../../../shared/domain/score-periods.ts';
import type { ApiClient } from '../../api/client.ts';
import { useApi } from '../../app/api-context.tsx';

/** The pages of the lists module: the history, one list, and its print view. */
export type ScoreListPage = { page: 'list' } | { page: 'detail' | 'print'; id: string };

export function scoreListPageOf(pathname: string): ScoreListPage | null {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/score-lists') return { page: 'list' };
  const m = /^\/score-lists\/([0-9a-f-]{36})(\/print)?$/.exec(path);
  if (!m) return null;
  return { page: m[2] ? 'print' : 'detail', id: m[1] as string };
}

const query = (values: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** 表扬单 / 批评单 and 整改: the lists, closed periods to propose from, and the findings. */
export function scoreListsApi(api: ApiClient) {
  const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
  return {
    lists: (signal?: AbortSignal) =>
      api.request('GET', '/api/v1/score-lists', z.array(scoreListSummarySchema), opts(signal)),
    closedPeriods: (signal?: AbortSignal) =>
      api.request('GET', '/api/v1/score-periods', z.array(scorePeriodSummarySchema), opts(signal)),
    list: (id: string, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/score-lists/${id}`, scoreListSchema, opts(signal)),
    propose: (body: ProposeScoreList) =>
      api.request('POST', '/api/v1/score-lists', scoreListSchema, { body }),
    saveEntries: (id: string, body: ScoreListEntriesInput) =>
      api.request('PUT', `/api/v1/score-lists/${id}/entries`, scoreListSchema, { body }),
    approve: (id: string, body: ApproveScoreList) =>
      api.request('POST', `/api/v1/score-lists/${id}/approve`, scoreListSchema, { body }),
    exportList: (id: string) => api.download(`/api/v1/score-lists/${id}/export`),
    findings: (q: FindingsQuery, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/findings${query({ ...q })}`, findingListSchema, opts(signal)),
    rectify: (id: string, body: RectificationInput) =>
      api.request('POST', `/api/v1/findings/${id}/rectification`, findingSchema, { body }),
  };
}

export function useScoreListsApi() {
  const api = useApi();
  return useMemo(() => scoreListsApi(api), [api]);
}

import { z } from 'zod';
import { departmentListSchema } from '../../../shared/domain/department.ts';
import {
  type HardProblemInput,
  type HardProblemUpdate,
  hardProblemSchema,
  hardProblemSummarySchema,
  type MonthlyTopicInput,
  proposalsSchema,
  topicRankingSchema,
} from '../../../shared/domain/hard-problem.ts';
import type { ApiClient } from '../../api/client.ts';

const q = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])),
  ).toString();

/** 攻坚破难清单: the list, proposals, an item and its changes, and the month's topic. */
export function hardProblemsApi(api: ApiClient) {
  const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
  const item = (id: string) => `/api/v1/hard-problems/${encodeURIComponent(id)}`;
  return {
    list: (regionId: string, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/hard-problems?${q({ regionId })}`,
        z.array(hardProblemSummarySchema),
        opts(signal),
      ),
    proposals: (regionId: string, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/hard-problems/proposals?${q({ regionId })}`, proposalsSchema, opts(signal)),
    ranking: (regionId: string, months: number, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/hard-problems/topics/ranking?${q({ regionId, months })}`,
        topicRankingSchema,
        opts(signal),
      ),
    read: (id: string, signal?: AbortSignal) => api.request('GET', item(id), hardProblemSchema, opts(signal)),
    create: (body: HardProblemInput) =>
      api.request('POST', '/api/v1/hard-problems', hardProblemSchema, { body }),
    pickTopic: (body: MonthlyTopicInput) =>
      api.request('POST', '/api/v1/hard-problems/topics', hardProblemSchema, { body }),
    update: (id: string, body: HardProblemUpdate) =>
      api.request('PATCH', item(id), hardProblemSchema, { body }),
    report: (id: string, text: string) =>
      api.request('POST', `${item(id)}/notes`, hardProblemSchema, { body: { text } }),
    link: (id: string, caseIds: string[]) =>
      api.request('POST', `${item(id)}/cases`, hardProblemSchema, { body: { caseIds } }),
    unlink: (id: string, caseId: string) =>
      api.request('DELETE', `${item(id)}/cases/${encodeURIComponent(caseId)}`, hardProblemSchema),
    complete: (id: string, body: { version: number; outcome: 'done' | 'closed'; result: string }) =>
      api.request('POST', `${item(id)}/complete`, hardProblemSchema, { body }),
    departments: (signal?: AbortSignal) =>
      api.request('GET', '/api/v1/departments', departmentListSchema, opts(signal)),
  };
}
export type HardProblemsApi = ReturnType<typeof hardProblemsApi>;

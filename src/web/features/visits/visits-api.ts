import { useMemo } from 'react';
import type { z } from 'zod';
import {
  coverageReportSchema,
  quotaReportSchema,
  unvisitedPageSchema,
} from '../../../shared/domain/coverage.ts';
import {
  type CreateMentorPair,
  createdMentorPairSchema,
  mentorCandidateListSchema,
  mentorPairListSchema,
  mentorPairSchema,
  myMenteesSchema,
} from '../../../shared/domain/mentoring.ts';
import {
  type CreateSpotCheck,
  type SpotCheckResult,
  spotCheckDetailSchema,
  spotCheckFiguresSchema,
  spotCheckItemSchema,
  spotCheckListSchema,
} from '../../../shared/domain/spot-check.ts';
import { visitCommentSchema, visitDetailSchema, visitListSchema } from '../../../shared/domain/visit.ts';
import {
  visitAssignmentListSchema,
  visitRuleListSchema,
  visitRuleSchema,
  visitTeamListSchema,
} from '../../../shared/domain/visit-plan.ts';
import type { ApiClient } from '../../api/client.ts';
import { useApi } from '../../app/api-context.tsx';
import { filterParams } from '../../app/url-filters.ts';
import type { DiaryFilters } from './visits-path.ts';

/** A query string of the set values only. */
export function queryOf(values: Record<string, string | number | undefined | null>): string {
  const text = filterParams(values).toString();
  return text ? `?${text}` : '';
}

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
const id = (value: string) => encodeURIComponent(value);

export type CoveragePeriod = 'month' | 'quarter' | 'year';

/** The visits module's endpoints (diary, coverage, plans, mentoring, spot checks), parsed with the shared schemas. */
export function visitsApi(api: ApiClient) {
  return {
    visits: (q: DiaryFilters & { after?: string; limit: number }, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/visits${queryOf(q)}`, visitListSchema, withSignal(signal)),
    visit: (visitId: string, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/visits/${id(visitId)}`, visitDetailSchema, withSignal(signal)),
    comment: (visitId: string, body: string) =>
      api.request('POST', `/api/v1/visits/${id(visitId)}/comments`, visitCommentSchema, { body: { body } }),

    coverage: (q: { regionId: string; period: CoveragePeriod }, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/coverage${queryOf(q)}`, coverageReportSchema, withSignal(signal)),
    unvisited: (
      q: {
        regionId: string;
        period: CoveragePeriod;
        target: 'household' | 'enterprise';
        after?: string;
        limit: number;
      },
      signal?: AbortSignal,
    ) =>
      api.request('GET', `/api/v1/coverage/unvisited${queryOf(q)}`, unvisitedPageSchema, withSignal(signal)),
    quota: (q: { regionId: string }, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/coverage/quota${queryOf(q)}`, quotaReportSchema, withSignal(signal)),

    rules: (regionId: string | undefined, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/visit-rules${queryOf({ regionId })}`,
        visitRuleListSchema,
        withSignal(signal),
      ),
    setRuleActive: (ruleId: string, active: boolean) =>
      api.request('PATCH', `/api/v1/visit-rules/${id(ruleId)}`, visitRuleSchema, { body: { active } }),
    createRule: (body: unknown) => api.request('POST', '/api/v1/visit-rules', visitRuleSchema, { body }),
    assignments: (regionId: string | undefined, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/visit-assignments${queryOf({ regionId })}`,
        visitAssignmentListSchema,
        withSignal(signal),
      ),
    teams: (regionId: string | undefined, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/visit-teams${queryOf({ regionId })}`,
        visitTeamListSchema,
        withSignal(signal),
      ),

    pairs: (regionId: string | undefined, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/mentor-pairs${queryOf({ regionId })}`,
        mentorPairListSchema,
        withSignal(signal),
      ),
    myMentees: (signal?: AbortSignal) =>
      api.request('GET', '/api/v1/mentor-pairs/mine', myMenteesSchema, withSignal(signal)),
    candidates: (signal?: AbortSignal) =>
      api.request('GET', '/api/v1/mentor-pairs/candidates', mentorCandidateListSchema, withSignal(signal)),
    pair: (body: CreateMentorPair) =>
      api.request('POST', '/api/v1/mentor-pairs', createdMentorPairSchema, { body }),
    endPair: (pairId: string, endedOn: string) =>
      api.request('PATCH', `/api/v1/mentor-pairs/${id(pairId)}`, mentorPairSchema, { body: { endedOn } }),

    spotChecks: (regionId: string | undefined, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/spot-checks${queryOf({ regionId })}`,
        spotCheckListSchema,
        withSignal(signal),
      ),
    spotCheck: (checkId: string, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/spot-checks/${id(checkId)}`, spotCheckDetailSchema, withSignal(signal)),
    drawSpotCheck: (body: CreateSpotCheck) =>
      api.request('POST', '/api/v1/spot-checks', spotCheckDetailSchema, { body }),
    verify: (checkId: string, visitId: string, body: { result: SpotCheckResult; note?: string }) =>
      api.request('POST', `/api/v1/spot-checks/${id(checkId)}/items/${id(visitId)}`, spotCheckItemSchema, {
        body,
      }),
    spotCheckFigures: (q: { regionId: string; from: string; to: string }, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/spot-checks/figures${queryOf(q)}`,
        spotCheckFiguresSchema,
        withSignal(signal),
      ),
  };
}

export type VisitsApi = ReturnType<typeof visitsApi>;
export type Infer<S extends z.ZodType> = z.infer<S>;

/** The visits endpoints on the app's API client, the same object from render to render. */
export function useVisitsApi() {
  const api = useApi();
  return useMemo(() => visitsApi(api), [api]);
}

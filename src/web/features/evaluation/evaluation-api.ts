import { z } from 'zod';
import {
  evaluationRatingSchema,
  evaluationRoundSummarySchema,
  evaluationRoundViewSchema,
  type OpenEvaluationRound,
  type RateEvaluation,
} from '../../../shared/domain/evaluation.ts';
import type { ApiClient } from '../../api/client.ts';

/** 两评: the rounds a caller sees, one round, opening, rating and closing. */
export function evaluationApi(api: ApiClient) {
  const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
  return {
    list: (signal?: AbortSignal) =>
      api.request('GET', '/api/v1/evaluation-rounds', z.array(evaluationRoundSummarySchema), opts(signal)),
    one: (id: string, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/evaluation-rounds/${id}`, evaluationRoundViewSchema, opts(signal)),
    open: (body: OpenEvaluationRound) =>
      api.request('POST', '/api/v1/evaluation-rounds', evaluationRoundSummarySchema, { body }),
    rate: (id: string, body: RateEvaluation) =>
      api.request('POST', `/api/v1/evaluation-rounds/${id}/ratings`, evaluationRatingSchema, { body }),
    close: (id: string) =>
      api.request('POST', `/api/v1/evaluation-rounds/${id}/close`, evaluationRoundViewSchema, {}),
  };
}

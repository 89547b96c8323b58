import { useMemo } from 'react';
import {
  type CreateSurvey,
  type PublicSurveyAnswer,
  publicSurveySchema,
  type RecordSurveyAnswer,
  surveyAnswerReceiptSchema,
  surveyInvitationsSchema,
  surveyListSchema,
  surveyResultsSchema,
  surveySchema,
} from '../../../shared/domain/surveys.ts';
import type { ApiClient } from '../../api/client.ts';
import { useApi } from '../../app/api-context.tsx';

const surveyUrl = (id: string) => `/api/v1/surveys/${encodeURIComponent(id)}`;

/** The survey endpoints (staff) and the public survey page's, parsed with the shared schemas. */
export function surveysApi(api: ApiClient) {
  const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
  return {
    list: (regionId: string, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/surveys?${new URLSearchParams({ regionId })}`,
        surveyListSchema,
        opts(signal),
      ),
    create: (body: CreateSurvey) => api.request('POST', '/api/v1/surveys', surveySchema, { body }),
    results: (id: string, signal?: AbortSignal) =>
      api.request('GET', `${surveyUrl(id)}/results`, surveyResultsSchema, opts(signal)),
    invitations: (id: string) => api.request('GET', `${surveyUrl(id)}/invitations`, surveyInvitationsSchema),
    record: (id: string, body: RecordSurveyAnswer) =>
      api.request('POST', `${surveyUrl(id)}/answers`, surveyAnswerReceiptSchema, { body }),
    publicSurvey: (id: string, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/public/surveys/${encodeURIComponent(id)}`,
        publicSurveySchema,
        opts(signal),
      ),
    answerPublicly: (id: string, body: PublicSurveyAnswer) =>
      api.request(
        'POST',
        `/api/v1/public/surveys/${encodeURIComponent(id)}/answers`,
        surveyAnswerReceiptSchema,
        {
          body,
        },
      ),
  };
}

export function useSurveysApi() {
  const api = useApi();
  return useMemo(() => surveysApi(api), [api]);
}

import { useMemo } from 'react';
import {
  type CaseStatusLinks,
  caseStatusLinksSchema,
  type PublicCaseStatus,
  publicCaseStatusSchema,
  type ResidentRatingBody,
} from '../../../shared/domain/resident-status.ts';
import { useApi } from '../../app/api-context.tsx';

const statusUrl = (token: string) => `/api/v1/public/status/${encodeURIComponent(token)}`;

/** The status page's two public endpoints and the case page's status-link endpoints. */
export function useResidentStatusApi() {
  const api = useApi();
  return useMemo(
    () => ({
      status: (token: string, signal?: AbortSignal): Promise<PublicCaseStatus> =>
        api.request('GET', statusUrl(token), publicCaseStatusSchema, signal ? { signal } : {}),
      rate: (token: string, body: ResidentRatingBody): Promise<PublicCaseStatus> =>
        api.request('POST', `${statusUrl(token)}/rating`, publicCaseStatusSchema, { body }),
      links: (caseId: string, signal?: AbortSignal): Promise<CaseStatusLinks> =>
        api.request(
          'GET',
          `/api/v1/cases/${caseId}/status-links`,
          caseStatusLinksSchema,
          signal ? { signal } : {},
        ),
      revoke: (caseId: string): Promise<CaseStatusLinks> =>
        api.request('POST', `/api/v1/cases/${caseId}/status-links/revoke`, caseStatusLinksSchema),
      issue: (caseId: string): Promise<CaseStatusLinks> =>
        api.request('POST', `/api/v1/cases/${caseId}/status-links`, caseStatusLinksSchema),
    }),
    [api],
  );
}

import { caseContextSchema, revealedPhoneSchema } from '../../../shared/domain/case.ts';
import type { ApiClient } from '../../api/client.ts';

const caseUrl = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

/** A case's context (visit, photos, household or enterprise, reporter) and the audited phone reveal. */
export function caseContextApi(api: ApiClient) {
  return {
    get: (id: string, signal?: AbortSignal) =>
      api.request('GET', `${caseUrl(id)}/context`, caseContextSchema, { ...(signal ? { signal } : {}) }),
    revealPhone: (id: string, reason: string) =>
      api.request('POST', `${caseUrl(id)}/reporter-phone`, revealedPhoneSchema, { body: { reason } }),
    /**
     * A photo of the visit the case was raised on, through the case (the server lets the visit's
     * readers and those working the case see it).
     */
    photoUrl: (caseId: string, photoId: string) =>
      `${caseUrl(caseId)}/visit-photos/${encodeURIComponent(photoId)}`,
  };
}

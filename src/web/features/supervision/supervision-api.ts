import { z } from 'zod';
import {
  type CreateSupervisionReport,
  supervisionReportSchema,
  supervisionSummarySchema,
  type UpdateSupervisionReport,
} from '../../../shared/domain/supervision.ts';
import type { ApiClient } from '../../api/client.ts';
import { searchOf } from '../scores/score-format.ts';

/** 督查: the reports a caller reads, one report, drafting, editing and publishing. */
export function supervisionApi(api: ApiClient) {
  const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
  return {
    list: (regionId: string | undefined, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/supervision-reports?${searchOf({ regionId })}`,
        z.array(supervisionSummarySchema),
        opts(signal),
      ),
    one: (id: string, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/supervision-reports/${id}`, supervisionReportSchema, opts(signal)),
    draft: (body: CreateSupervisionReport) =>
      api.request('POST', '/api/v1/supervision-reports', supervisionReportSchema, { body }),
    edit: (id: string, body: UpdateSupervisionReport) =>
      api.request('PATCH', `/api/v1/supervision-reports/${id}`, supervisionReportSchema, { body }),
    publish: (id: string) =>
      api.request('POST', `/api/v1/supervision-reports/${id}/publish`, supervisionReportSchema, {}),
  };
}

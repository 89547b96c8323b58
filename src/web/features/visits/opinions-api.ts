import { opinionListSchema, promotedOpinionSchema } from '../../../shared/domain/opinion.ts';
import type { ApiClient } from '../../api/client.ts';
import { queryOf } from './visits-api.ts';

/** The opinions' export (downloaded by the list export button, which follows its progress). */
export const opinionsExportPath = (q: { regionId?: string }) => `/api/v1/opinions/export${queryOf(q)}`;

/** Opinions (意见建议): the list and promotion to a case, parsed with the shared schemas. */
export function opinionsApi(api: ApiClient) {
  return {
    list: (q: { regionId?: string; after?: string; limit: number }, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/opinions${queryOf(q)}`, opinionListSchema, signal ? { signal } : {}),
    promote: (id: string) =>
      api.request('POST', `/api/v1/opinions/${encodeURIComponent(id)}/promote`, promotedOpinionSchema, {
        body: {},
      }),
  };
}

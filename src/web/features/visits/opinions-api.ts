import { opinionListSchema, promotedOpinionSchema } from '../../../shared/domain/opinion.ts';
import type { ApiClient } from '../../api/client.ts';
import { queryOf } from './visits-api.ts';

/** Opinions (意见建议): the list, its export and promotion to a case, parsed with the shared schemas. */
export function opinionsApi(api: ApiClient) {
  return {
    list: (q: { regionId?: string; after?: string; limit: number }, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/opinions${queryOf(q)}`, opinionListSchema, signal ? { signal } : {}),
    export: (q: { regionId?: string }) => api.download(`/api/v1/opinions/export${queryOf(q)}`),
    promote: (id: string) =>
      api.request('POST', `/api/v1/opinions/${encodeURIComponent(id)}/promote`, promotedOpinionSchema, {
        body: {},
      }),
  };
}

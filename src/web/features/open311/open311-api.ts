import { useMemo } from 'react';
import {
  type CreateOpen311Client,
  type IssuedOpen311Client,
  issuedOpen311ClientSchema,
  type Open311Client,
  type Open311ClientList,
  open311ClientListSchema,
  open311ClientSchema,
} from '../../../shared/domain/open311.ts';
import type { ApiClient } from '../../api/client.ts';
import { useApi } from '../../app/api-context.tsx';

/** The system administrator's Open311 clients. */
export function open311Api(api: ApiClient) {
  return {
    clients: (signal?: AbortSignal): Promise<Open311ClientList> =>
      api.request('GET', '/api/v1/admin/open311-clients', open311ClientListSchema, signal ? { signal } : {}),
    issue: (body: CreateOpen311Client): Promise<IssuedOpen311Client> =>
      api.request('POST', '/api/v1/admin/open311-clients', issuedOpen311ClientSchema, { body }),
    revoke: (id: string): Promise<Open311Client> =>
      api.request(
        'POST',
        `/api/v1/admin/open311-clients/${encodeURIComponent(id)}/revoke`,
        open311ClientSchema,
        { body: {} },
      ),
  };
}

export function useOpen311Api() {
  const api = useApi();
  return useMemo(() => open311Api(api), [api]);
}

import { useMemo } from 'react';
import { hotlineImportReportSchema, hotlineOrderListSchema } from '../../../shared/domain/hotline.ts';
import type { ApiClient } from '../../api/client.ts';
import { useApi } from '../../app/api-context.tsx';

/** The hotline page's endpoints, parsed with the shared schemas. */
export function hotlineApi(api: ApiClient) {
  return {
    orders: (signal?: AbortSignal) =>
      api.request('GET', '/api/v1/hotline/orders', hotlineOrderListSchema, signal ? { signal } : {}),
    importFile: (file: Blob) => api.upload('/api/v1/hotline/imports', file, hotlineImportReportSchema),
  };
}

export function useHotlineApi() {
  const api = useApi();
  return useMemo(() => hotlineApi(api), [api]);
}

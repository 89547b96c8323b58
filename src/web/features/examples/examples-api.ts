import { useMemo } from 'react';
import {
  type ExampleState,
  exampleListSchema,
  exampleSchema,
  type ProposeExample,
  publicExampleListSchema,
  type WriteExample,
} from '../../../shared/domain/examples.ts';
import type { ApiClient } from '../../api/client.ts';
import { useApi } from '../../app/api-context.tsx';

const exampleUrl = (id: string) => `/api/v1/examples/${encodeURIComponent(id)}`;

/** The example endpoints (staff) and the public examples page's, parsed with the shared schemas. */
export function examplesApi(api: ApiClient) {
  const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
  return {
    list: (regionId: string, state: ExampleState | undefined, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/examples?${new URLSearchParams({ regionId, ...(state ? { state } : {}) })}`,
        exampleListSchema,
        opts(signal),
      ),
    one: (id: string, signal?: AbortSignal) =>
      api.request('GET', exampleUrl(id), exampleSchema, opts(signal)),
    propose: (body: ProposeExample) => api.request('POST', '/api/v1/examples', exampleSchema, { body }),
    write: (id: string, body: WriteExample) => api.request('PUT', exampleUrl(id), exampleSchema, { body }),
    publish: (id: string) => api.request('POST', `${exampleUrl(id)}/publish`, exampleSchema, { body: {} }),
    withdraw: (id: string, reason: string) =>
      api.request('POST', `${exampleUrl(id)}/withdraw`, exampleSchema, { body: { reason } }),
    publicList: (regionId: string, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/public/examples?${new URLSearchParams({ regionId })}`,
        publicExampleListSchema,
        opts(signal),
      ),
  };
}

export function useExamplesApi() {
  const api = useApi();
  return useMemo(() => examplesApi(api), [api]);
}

/** The address of a published example's photo (public: the page shows it as an image). */
export const publicPhotoUrl = (exampleId: string, photoId: string) =>
  `/api/v1/public/examples/${encodeURIComponent(exampleId)}/photos/${encodeURIComponent(photoId)}`;

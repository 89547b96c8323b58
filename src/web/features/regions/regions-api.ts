import { useMemo } from 'react';
import { z } from 'zod';
import {
  type CreateRegion,
  type MoveResult,
  moveResultSchema,
  type RegionNode,
  type RegionSearchHit,
  regionNodeSchema,
  regionSearchResultSchema,
  type UpdateRegion,
} from '../../../shared/domain/region.ts';
import type { ApiClient } from '../../api/client.ts';
import { useApi } from '../../app/api-context.tsx';

/** The hierarchy editor's endpoints (browsing children is `api.listRegions`). */
export function regionsApi(api: ApiClient) {
  return {
    async search(q: string, options: { regionId?: string; limit?: number } = {}, signal?: AbortSignal) {
      const params = new URLSearchParams({ q, limit: String(options.limit ?? 20) });
      if (options.regionId) params.set('regionId', options.regionId);
      const result = await api.request('GET', `/api/v1/regions/search?${params}`, regionSearchResultSchema, {
        ...(signal ? { signal } : {}),
      });
      return result.items as RegionSearchHit[];
    },
    create: (body: CreateRegion): Promise<RegionNode> =>
      api.request('POST', '/api/v1/regions', regionNodeSchema, { body }),
    update: (id: string, body: UpdateRegion): Promise<RegionNode> =>
      api.request('PATCH', `/api/v1/regions/${encodeURIComponent(id)}`, regionNodeSchema, { body }),
    async remove(id: string): Promise<void> {
      await api.request('DELETE', `/api/v1/regions/${encodeURIComponent(id)}`, z.unknown());
    },
    move: (id: string, parentId: string): Promise<MoveResult> =>
      api.request('POST', `/api/v1/regions/${encodeURIComponent(id)}/move`, moveResultSchema, {
        body: { parentId },
      }),
  };
}

export type RegionsApi = ReturnType<typeof regionsApi>;

/** The endpoints on the app's API client, stable across renders. */
export function useRegionsApi(): RegionsApi {
  const api = useApi();
  return useMemo(() => regionsApi(api), [api]);
}

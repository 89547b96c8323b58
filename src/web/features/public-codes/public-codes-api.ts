import { useMemo } from 'react';
import { z } from 'zod';
import {
  buildingSchema,
  type EstateInput,
  type EstatePatch,
  estateListSchema,
  estateSchema,
  hotlineSchema,
  posterSheetSchema,
  retireCodeResultSchema,
} from '../../../shared/domain/public-codes.ts';
import type { ApiClient } from '../../api/client.ts';
import { useApi } from '../../app/api-context.tsx';

const id = (value: string) => encodeURIComponent(value);

/** Estates, buildings, posters and codes (issue 15 §1), parsed with the shared schemas. */
export function publicCodesApi(api: ApiClient) {
  const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
  return {
    estates: (regionId: string, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/regions/${id(regionId)}/estates`, estateListSchema, opts(signal)),
    addEstate: (gridId: string, body: EstateInput) =>
      api.request('POST', `/api/v1/regions/${id(gridId)}/estates`, estateSchema, { body }),
    updateEstate: (estateId: string, body: EstatePatch) =>
      api.request('PATCH', `/api/v1/estates/${id(estateId)}`, estateSchema, { body }),
    async removeEstate(estateId: string): Promise<void> {
      await api.request('DELETE', `/api/v1/estates/${id(estateId)}`, z.unknown());
    },
    addBuilding: (estateId: string, name: string) =>
      api.request('POST', `/api/v1/estates/${id(estateId)}/buildings`, buildingSchema, { body: { name } }),
    async removeBuilding(buildingId: string): Promise<void> {
      await api.request('DELETE', `/api/v1/buildings/${id(buildingId)}`, z.unknown());
    },
    posters: (regionId: string, estateId: string | null, signal?: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/regions/${id(regionId)}/posters${estateId ? `?${new URLSearchParams({ estateId })}` : ''}`,
        posterSheetSchema,
        opts(signal),
      ),
    retire: (code: string) =>
      api.request('POST', `/api/v1/public-codes/${id(code)}/retire`, retireCodeResultSchema, {
        body: { replace: true },
      }),
    hotline: (signal?: AbortSignal) =>
      api.request('GET', '/api/v1/public-codes/hotline', hotlineSchema, opts(signal)),
    saveHotline: (hotline: string | null) =>
      api.request('PUT', '/api/v1/public-codes/hotline', hotlineSchema, { body: { hotline } }),
  };
}

export type PublicCodesApi = ReturnType<typeof publicCodesApi>;

export function usePublicCodesApi(): PublicCodesApi {
  const api = useApi();
  return useMemo(() => publicCodesApi(api), [api]);
}

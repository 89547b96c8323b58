import { z } from 'zod';
import type { Permission } from '../../../shared/auth/roles.ts';
import { caseListSchema } from '../../../shared/domain/case.ts';
import { visitDayListSchema } from '../../../shared/domain/coverage.ts';
import { enterpriseDetailSchema, enterpriseListSchema } from '../../../shared/domain/enterprise.ts';
import {
  fieldEnterpriseListSchema,
  fieldGridListSchema,
  fieldHouseholdListSchema,
  fieldPackSchema,
  fieldPlaceListSchema,
} from '../../../shared/domain/field-directory.ts';
import { householdDetailSchema, householdListSchema } from '../../../shared/domain/household.ts';
import { type SyncBatch, syncResultSchema, visitPhotoSchema } from '../../../shared/domain/visit.ts';
import { ApiError } from '../../api/api-error.ts';
import type { ApiClient } from '../../api/client.ts';
import type { OutboxPhoto } from '../../offline/field-db.ts';
import type { SyncTransport } from '../../offline/sync-core.ts';

/** One entry of the visit-day list as the field app keeps it (from the server's list or the fallback). */
export const fieldTargetSchema = z.object({
  id: z.uuid(),
  type: z.enum(['household', 'enterprise']),
  name: z.string(),
  gridName: z.string(),
  isKey: z.boolean(),
  lastVisitAt: z.string().nullable(),
});
export type FieldTarget = z.infer<typeof fieldTargetSchema>;

export const visitDaySchema = z.object({
  /** The visit day (YYYY-MM-DD), or null when the list is the worker's households (no visit-day service). */
  day: z.string().nullable(),
  items: z.array(fieldTargetSchema),
});
export type VisitDay = z.infer<typeof visitDaySchema>;

/** How many cards the app keeps for offline use: a day's round, not the whole grid. */
export const VISIT_DAY_LIMIT = 30;

const id = encodeURIComponent;

/** The defined parameters as a query string (an empty string is a value: "none" for a browse part). */
function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}

/** Never visited first, then longest unvisited, key households first among equals (as the server orders its list). */
export function byLastVisit<T extends Pick<FieldTarget, 'lastVisitAt' | 'isKey'>>(items: readonly T[]): T[] {
  const at = (t: T) => (t.lastVisitAt ? Date.parse(t.lastVisitAt) : Number.NEGATIVE_INFINITY);
  return [...items].sort((a, b) => at(a) - at(b) || Number(b.isKey) - Number(a.isKey));
}

/** The field app's endpoints, parsed with the shared schemas. */
export function fieldApi(api: ApiClient) {
  return {
    /**
     * The coming visit day's list (never-visited, longest-unvisited and key households first). A
     * server without the visit-day service (404), or an empty list (no rule or assignment reaches
     * the worker yet), falls back to what the person may read: their households, or for a liaison
     * (who may not read households) the enterprises they accompany.
     */
    async visitDay(permissions: readonly Permission[], signal?: AbortSignal): Promise<VisitDay> {
      const options = signal ? { signal } : {};
      try {
        const list = await api.request(
          'GET',
          `/api/v1/visit-days/next?limit=${VISIT_DAY_LIMIT}`,
          visitDayListSchema,
          options,
        );
        // No visit-day rule or assignment reaches the worker yet: show their own round instead.
        if (list.items.length > 0)
          return {
            day: list.day,
            items: list.items.map((i) => ({
              id: i.id,
              type: i.type,
              name: i.name,
              gridName: i.gridName,
              isKey: i.isKey,
              lastVisitAt: i.lastVisitAt,
            })),
          };
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
      const items: FieldTarget[] = permissions.includes('households:read')
        ? (
            await api.request(
              'GET',
              `/api/v1/households?limit=${VISIT_DAY_LIMIT}`,
              householdListSchema,
              options,
            )
          ).items.map((h) => ({
            id: h.id,
            type: 'household' as const,
            name: h.address,
            gridName: h.gridName,
            isKey: h.isKey,
            lastVisitAt: h.lastVisitAt,
          }))
        : permissions.includes('enterprises:read')
          ? (
              await api.request(
                'GET',
                `/api/v1/enterprises?liaison=me&limit=${VISIT_DAY_LIMIT}`,
                enterpriseListSchema,
                options,
              )
            ).items.map((e) => ({
              id: e.id,
              type: 'enterprise' as const,
              name: e.name,
              gridName: e.gridName,
              isKey: false,
              lastVisitAt: e.lastVisitAt,
            }))
          : [];
      return { day: null, items: byLastVisit(items) };
    },
    household: (householdId: string, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/households/${id(householdId)}`, householdDetailSchema, {
        ...(signal ? { signal } : {}),
      }),
    enterprise: (enterpriseId: string, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/enterprises/${id(enterpriseId)}`, enterpriseDetailSchema, {
        ...(signal ? { signal } : {}),
      }),
    /** Households in reach by search text and/or estate, building and unit ('' for none). */
    households: (
      query: {
        q?: string;
        estate?: string;
        building?: string;
        unit?: string;
        after?: string;
        limit?: number;
      },
      signal?: AbortSignal,
    ) =>
      api.request('GET', `/api/v1/field/households?${queryString(query)}`, fieldHouseholdListSchema, {
        ...(signal ? { signal } : {}),
      }),
    /** One level of the browse: estates, an estate's buildings or a building's units. */
    places: (query: { estate?: string; building?: string }, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/field/places?${queryString(query)}`, fieldPlaceListSchema, {
        ...(signal ? { signal } : {}),
      }),
    enterprises: (query: { q?: string; liaison?: 'me'; after?: string }, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/field/enterprises?${queryString(query)}`, fieldEnterpriseListSchema, {
        ...(signal ? { signal } : {}),
      }),
    /** The grids whose directory may be kept on the phone, the worker's own first. */
    grids: (signal?: AbortSignal) =>
      api.request('GET', '/api/v1/field/grids', fieldGridListSchema, { ...(signal ? { signal } : {}) }),
    gridDirectory: (gridId: string, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/field/grids/${id(gridId)}/directory`, fieldPackSchema, {
        ...(signal ? { signal } : {}),
      }),
    /** The worker's own open cases (the ones whose feedback they owe). */
    myCases: (signal?: AbortSignal) =>
      api.request('GET', '/api/v1/cases?view=mine&limit=50', caseListSchema, {
        ...(signal ? { signal } : {}),
      }),
  };
}
export type FieldApi = ReturnType<typeof fieldApi>;

/** The outbox's way to the server: the batched visit sync and the photo uploads. */
export function fieldTransport(api: ApiClient): SyncTransport {
  return {
    syncVisits: (batch: SyncBatch) =>
      api.request('POST', '/api/v1/visits/sync', syncResultSchema, { body: batch }),
    async uploadPhoto(visitId: string, photo: OutboxPhoto) {
      await api.upload(
        `/api/v1/visits/${id(visitId)}/photos?${new URLSearchParams({ name: photo.name })}`,
        photo.blob,
        visitPhotoSchema,
        { headers: { 'Idempotency-Key': photo.key } },
      );
    },
  };
}

import { useMemo } from 'react';
import { z } from 'zod';
import {
  type CreateEnterpriseInput,
  type EnterpriseDetail,
  type EnterpriseList,
  type EnterpriseListQuery,
  enterpriseDetailSchema,
  enterpriseListSchema,
  enterpriseUnmaskResponseSchema,
  type LiaisonCandidate,
  liaisonCandidateListSchema,
  type UpdateEnterpriseInput,
} from '../../../shared/domain/enterprise.ts';
import { type TagDefinition, tagDefinitionSchema } from '../../../shared/domain/tags.ts';
import { useApi } from '../../app/api-context.tsx';

const tagItemsSchema = z.object({ items: z.array(tagDefinitionSchema) });
const noContentSchema = z.unknown();

const at = (id: string) => `/api/v1/enterprises/${encodeURIComponent(id)}`;

/** The list query as URL parameters, leaving out what is unset or blank. */
export function enterpriseListParams(query: EnterpriseListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.regionId) params.set('regionId', query.regionId);
  const q = query.q?.trim();
  if (q) params.set('q', q);
  if (query.tag) params.set('tag', query.tag);
  if (query.liaison) params.set('liaison', query.liaison);
  params.set('limit', String(query.limit ?? 20));
  if (query.after) params.set('after', query.after);
  if (query.page) params.set('page', String(query.page));
  return params;
}

/** The enterprise endpoints, on the app's API client. */
export function useEnterprisesApi() {
  const api = useApi();
  return useMemo(
    () => ({
      list: (query: EnterpriseListQuery, signal?: AbortSignal): Promise<EnterpriseList> =>
        api.request('GET', `/api/v1/enterprises?${enterpriseListParams(query)}`, enterpriseListSchema, {
          ...(signal ? { signal } : {}),
        }),
      get: (id: string, signal?: AbortSignal): Promise<EnterpriseDetail> =>
        api.request('GET', at(id), enterpriseDetailSchema, { ...(signal ? { signal } : {}) }),
      create: (body: CreateEnterpriseInput): Promise<EnterpriseDetail> =>
        api.request('POST', '/api/v1/enterprises', enterpriseDetailSchema, { body }),
      update: (id: string, body: UpdateEnterpriseInput): Promise<EnterpriseDetail> =>
        api.request('PATCH', at(id), enterpriseDetailSchema, { body }),
      remove: async (id: string, reason: string): Promise<void> => {
        await api.request('POST', `${at(id)}/remove`, noContentSchema, { body: { reason } });
      },
      assignLiaison: (id: string, userId: string | null): Promise<EnterpriseDetail> =>
        api.request('PUT', `${at(id)}/liaison`, enterpriseDetailSchema, { body: { userId } }),
      liaisonCandidates: async (id: string, signal?: AbortSignal): Promise<LiaisonCandidate[]> =>
        (
          await api.request('GET', `${at(id)}/liaison-candidates`, liaisonCandidateListSchema, {
            ...(signal ? { signal } : {}),
          })
        ).items,
      unmaskContactPhone: async (id: string, reason: string): Promise<string> =>
        (
          await api.request('POST', `${at(id)}/unmask`, enterpriseUnmaskResponseSchema, {
            body: { field: 'contact_phone', reason },
          })
        ).value,
      /** The district's enterprise tag list (active and retired). */
      tags: async (signal?: AbortSignal): Promise<TagDefinition[]> =>
        (
          await api.request('GET', '/api/v1/tags?subject=enterprise', tagItemsSchema, {
            ...(signal ? { signal } : {}),
          })
        ).items,
    }),
    [api],
  );
}

export type EnterprisesApi = ReturnType<typeof useEnterprisesApi>;

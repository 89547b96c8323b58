import {
  type KeyInfo,
  type KeyRecordInput,
  keyInfoSchema,
  type PlanCreate,
  type PlanOwner,
  type PlanPatch,
  planOwnerListSchema,
} from '../../../shared/domain/key-household.ts';
import type { ApiClient } from '../../api/client.ts';

const at = (id: string) => `/api/v1/households/${encodeURIComponent(id)}`;

/** A key household's "五个要" records and 一户一策 plans; writes answer the key info as it now is. */
export function keyHouseholdApi(api: ApiClient) {
  return {
    get: (id: string, signal?: AbortSignal): Promise<KeyInfo> =>
      api.request('GET', `${at(id)}/key-info`, keyInfoSchema, signal ? { signal } : {}),
    planOwners: async (id: string, signal?: AbortSignal): Promise<PlanOwner[]> =>
      (await api.request('GET', `${at(id)}/plan-owners`, planOwnerListSchema, signal ? { signal } : {}))
        .items,
    record: (id: string, body: KeyRecordInput): Promise<KeyInfo> =>
      api.request('POST', `${at(id)}/key-records`, keyInfoSchema, { body }),
    createPlan: (id: string, body: PlanCreate): Promise<KeyInfo> =>
      api.request('POST', `${at(id)}/plans`, keyInfoSchema, { body }),
    updatePlan: (id: string, planId: string, body: PlanPatch): Promise<KeyInfo> =>
      api.request('PATCH', `${at(id)}/plans/${encodeURIComponent(planId)}`, keyInfoSchema, { body }),
    completeFollowUp: (id: string, planId: string, followUpId: string, note: string): Promise<KeyInfo> =>
      api.request(
        'POST',
        `${at(id)}/plans/${encodeURIComponent(planId)}/follow-ups/${encodeURIComponent(followUpId)}/done`,
        keyInfoSchema,
        { body: { note } },
      ),
  };
}

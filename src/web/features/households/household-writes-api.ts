import { z } from 'zod';
import {
  type HouseholdCreate,
  type HouseholdDetail,
  type HouseholdPatch,
  householdDetailSchema,
  householdRemovedSchema,
  type Member,
  type MemberCreate,
  type MemberPatch,
  memberSchema,
} from '../../../shared/domain/household.ts';
import type { ApiClient } from '../../api/client.ts';

const at = (id: string) => `/api/v1/households/${encodeURIComponent(id)}`;

/** Household and member writes; every answer is validated with the shared schema. */
export function householdWritesApi(api: ApiClient) {
  return {
    create: (body: HouseholdCreate): Promise<HouseholdDetail> =>
      api.request('POST', '/api/v1/households', householdDetailSchema, { body }),
    update: (id: string, body: HouseholdPatch): Promise<HouseholdDetail> =>
      api.request('PATCH', at(id), householdDetailSchema, { body }),
    remove: (id: string, reason: string) =>
      api.request('POST', `${at(id)}/remove`, householdRemovedSchema, { body: { reason } }),
    addMember: (id: string, body: MemberCreate): Promise<Member> =>
      api.request('POST', `${at(id)}/members`, memberSchema, { body }),
    updateMember: (id: string, memberId: string, body: MemberPatch): Promise<Member> =>
      api.request('PATCH', `${at(id)}/members/${encodeURIComponent(memberId)}`, memberSchema, { body }),
    removeMember: (id: string, memberId: string) =>
      api.request('DELETE', `${at(id)}/members/${encodeURIComponent(memberId)}`, z.unknown()),
  };
}

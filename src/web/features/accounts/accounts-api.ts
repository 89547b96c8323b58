import { useMemo } from 'react';
import type { Role } from '../../../shared/auth/roles.ts';
import { type Department, departmentListSchema } from '../../../shared/domain/department.ts';
import {
  type CreatedUser,
  createdUserSchema,
  type GrantInput,
  type User,
  userListSchema,
  userSchema,
} from '../../../shared/domain/user.ts';
import { useApi } from '../../app/api-context.tsx';

export interface UserListFilter {
  q?: string | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
}

/** The list's filters as URL parameters, leaving out what is unset or blank. */
export function userListParams(filter: UserListFilter): URLSearchParams {
  const params = new URLSearchParams();
  const q = filter.q?.trim();
  if (q) params.set('q', q);
  if (filter.role) params.set('role', filter.role);
  if (filter.active !== undefined) params.set('active', String(filter.active));
  return params;
}

const at = (id: string) => `/api/v1/users/${encodeURIComponent(id)}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** The account endpoints (and the departments a grant may name), on the app's API client. */
export function useAccountsApi() {
  const api = useApi();
  return useMemo(
    () => ({
      list: async (filter: UserListFilter, signal?: AbortSignal): Promise<User[]> => {
        const query = userListParams(filter).toString();
        const path = query ? `/api/v1/users?${query}` : '/api/v1/users';
        return (await api.request('GET', path, userListSchema, withSignal(signal))).items;
      },
      create: (body: { username: string; displayName: string; grants: GrantInput[] }): Promise<CreatedUser> =>
        api.request('POST', '/api/v1/users', createdUserSchema, { body }),
      replaceGrants: (id: string, grants: GrantInput[]): Promise<User> =>
        api.request('PUT', `${at(id)}/grants`, userSchema, { body: { grants } }),
      deactivate: (id: string): Promise<User> =>
        api.request('POST', `${at(id)}/deactivate`, userSchema, { body: {} }),
      resetPassword: (id: string): Promise<CreatedUser> =>
        api.request('POST', `${at(id)}/reset-password`, createdUserSchema, { body: {} }),
      resetTotp: (id: string): Promise<User> =>
        api.request('POST', `${at(id)}/reset-totp`, userSchema, { body: {} }),
      departments: async (signal?: AbortSignal): Promise<Department[]> =>
        (await api.request('GET', '/api/v1/departments', departmentListSchema, withSignal(signal))).items,
    }),
    [api],
  );
}

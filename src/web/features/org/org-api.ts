import { useMemo } from 'react';
import {
  type CaseCategory,
  type CategoryList,
  type CreateCategory,
  caseCategorySchema,
  categoryListSchema,
  type UpdateCategory,
} from '../../../shared/domain/category.ts';
import {
  type CreateDepartment,
  type Department,
  type DepartmentList,
  departmentListSchema,
  departmentSchema,
  type UpdateDepartment,
} from '../../../shared/domain/department.ts';
import type { ApiClient } from '../../api/client.ts';
import { useApi } from '../../app/api-context.tsx';

/** Departments and case categories. */
export function orgApi(api: ApiClient) {
  const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
  return {
    departments: (signal?: AbortSignal): Promise<DepartmentList> =>
      api.request('GET', '/api/v1/departments', departmentListSchema, opts(signal)),
    createDepartment: (body: CreateDepartment): Promise<Department> =>
      api.request('POST', '/api/v1/departments', departmentSchema, { body }),
    updateDepartment: (id: string, body: UpdateDepartment): Promise<Department> =>
      api.request('PATCH', `/api/v1/departments/${encodeURIComponent(id)}`, departmentSchema, { body }),
    categories: (signal?: AbortSignal): Promise<CategoryList> =>
      api.request('GET', '/api/v1/categories', categoryListSchema, opts(signal)),
    createCategory: (body: CreateCategory): Promise<CaseCategory> =>
      api.request('POST', '/api/v1/categories', caseCategorySchema, { body }),
    updateCategory: (id: string, body: UpdateCategory): Promise<CaseCategory> =>
      api.request('PATCH', `/api/v1/categories/${encodeURIComponent(id)}`, caseCategorySchema, { body }),
  };
}

export type OrgApi = ReturnType<typeof orgApi>;

/** The endpoints on the app's API client, stable across renders. */
export function useOrgApi(): OrgApi {
  const api = useApi();
  return useMemo(() => orgApi(api), [api]);
}

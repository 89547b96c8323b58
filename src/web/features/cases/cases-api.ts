import { z } from 'zod';
import type { CaseAction } from '../../../shared/cases/workflow.ts';
import {
  type ActionBodies,
  actionResultSchema,
  bulkResultSchema,
  type CaseQueueQuery,
  type CreateCase,
  caseAttachmentSchema,
  caseDetailSchema,
  caseListSchema,
  caseSuggestionsSchema,
  createdCaseSchema,
  savedViewListSchema,
  type Unit,
} from '../../../shared/domain/case.ts';
import { categoryListSchema } from '../../../shared/domain/category.ts';
import { departmentListSchema } from '../../../shared/domain/department.ts';
import type { ApiClient } from '../../api/client.ts';
import { filterParams } from '../../app/url-filters.ts';

/** Queue filters as the page keeps them: every field optional, no paging. */
export type CaseFilters = Partial<Omit<CaseQueueQuery, 'after' | 'limit' | 'page'>>;

/** Which rows of a list: after a cursor, or a numbered page (shared/domain/paging.ts). */
export interface CasePageRequest {
  after?: string | undefined;
  page?: number | undefined;
  limit: number;
}

/** The queue's query string, leaving out what is unset or blank (states repeat the parameter). */
export function caseListParams(filters: CaseFilters, page: CasePageRequest) {
  const params = filterParams(filters);
  params.set('limit', String(page.limit));
  if (page.after) params.set('after', page.after);
  else if (page.page !== undefined) params.set('page', String(page.page));
  return params;
}

/** A case's category in the reader's language: the English name where the district gave one. */
export function categoryText(
  item: { categoryName: string | null; categoryNameEn?: string | null },
  language: string,
): string | null {
  return (language.startsWith('en') ? item.categoryNameEn : null) || item.categoryName;
}

/** The path segment of an action: `resolve_on_spot` → `resolve-on-spot`. */
export const actionPath = (action: CaseAction) => action.replaceAll('_', '-');

const caseUrl = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

/** The case endpoints, parsed with the shared schemas. */
export function casesApi(api: ApiClient) {
  return {
    list: (filters: CaseFilters, page: CasePageRequest, signal?: AbortSignal) =>
      api.request('GET', `/api/v1/cases?${caseListParams(filters, page)}`, caseListSchema, {
        ...(signal ? { signal } : {}),
      }),
    get: (id: string, signal?: AbortSignal) =>
      api.request('GET', caseUrl(id), caseDetailSchema, { ...(signal ? { signal } : {}) }),
    /** `idempotencyKey` is made once per form submission and reused when the same submission is retried. */
    create: (body: CreateCase, idempotencyKey: string) =>
      api.request('POST', '/api/v1/cases', createdCaseSchema, {
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    /** One workflow action on the version the caller saw; a stale version answers 412. */
    act: <A extends CaseAction>(id: string, version: number, action: A, body: ActionBodies[A]) =>
      api.request('POST', `${caseUrl(id)}/${actionPath(action)}`, actionResultSchema, {
        body,
        headers: { 'If-Match': `"${version}"` },
      }),
    bulk: (action: 'accept' | 'dispatch', cases: { id: string; version: number }[], unit?: Unit) =>
      api.request('POST', '/api/v1/cases/bulk', bulkResultSchema, {
        body: unit ? { action, cases, unit } : { action, cases },
      }),
    suggestions: (id: string, signal?: AbortSignal) =>
      api.request('GET', `${caseUrl(id)}/suggestions`, caseSuggestionsSchema, {
        ...(signal ? { signal } : {}),
      }),
    uploadAttachment: (id: string, file: File) =>
      api.upload(
        `${caseUrl(id)}/attachments?${new URLSearchParams({ name: file.name })}`,
        file,
        caseAttachmentSchema,
      ),
    downloadAttachment: (id: string, attachmentId: string) =>
      api.download(`${caseUrl(id)}/attachments/${encodeURIComponent(attachmentId)}`),
    views: (signal?: AbortSignal) =>
      api.request('GET', '/api/v1/case-views', savedViewListSchema, { ...(signal ? { signal } : {}) }),
    saveView: (name: string, filters: CaseFilters) =>
      api.request('POST', '/api/v1/case-views', z.object({ id: z.uuid() }), { body: { name, filters } }),
    deleteView: (id: string) =>
      api.request('DELETE', `/api/v1/case-views/${encodeURIComponent(id)}`, z.unknown()),
    categories: (signal?: AbortSignal) =>
      api.request('GET', '/api/v1/categories', categoryListSchema, { ...(signal ? { signal } : {}) }),
    departments: (signal?: AbortSignal) =>
      api.request('GET', '/api/v1/departments', departmentListSchema, { ...(signal ? { signal } : {}) }),
  };
}
export type CasesApi = ReturnType<typeof casesApi>;

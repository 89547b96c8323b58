import { z } from 'zod';
import {
  enrollConfirmResponseSchema,
  enrollmentSchema,
  type LoginStep,
  loginResponseSchema,
  type Me,
  meSchema,
} from '../../shared/domain/auth.ts';
import {
  type HouseholdDetail,
  householdDetailSchema,
  householdListSchema,
  unmaskResponseSchema,
} from '../../shared/domain/household.ts';
import { type ClientError, clientErrorSchema, type Meta, metaSchema } from '../../shared/domain/meta.ts';
import { type RegionNode, regionListSchema } from '../../shared/domain/region.ts';
import { problemSchema } from '../../shared/errors/problem.ts';
import { ApiError, parseRetryAfter } from './api-error.ts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type Enrollment = z.infer<typeof enrollmentSchema>;
export type EnrollConfirmation = z.infer<typeof enrollConfirmResponseSchema>;
export type HouseholdList = z.infer<typeof householdListSchema>;
export type UnmaskField = 'id_number' | 'phone';

export interface HouseholdListQuery {
  regionId?: string | undefined;
  q?: string | undefined;
  tag?: string | undefined;
  after?: string | undefined;
  /** A numbered page instead of a cursor. */
  page?: number | undefined;
  limit?: number;
}

export interface ApiClient {
  getMeta(signal?: AbortSignal): Promise<Meta>;
  /** Children of a region, or the top of the signed-in user's scope when `parentId` is omitted. */
  listRegions(parentId?: string, signal?: AbortSignal): Promise<RegionNode[]>;
  reportClientError(report: ClientError): Promise<void>;

  /** The signed-in user; rejects with UNAUTHENTICATED (401) when nobody is (fully) signed in. */
  getMe(signal?: AbortSignal): Promise<Me>;
  /** Each sign-in step answers with what comes next. */
  login(username: string, password: string): Promise<LoginStep>;
  startTotpEnrollment(): Promise<Enrollment>;
  confirmTotpEnrollment(code: string): Promise<EnrollConfirmation>;
  verifyTotp(code: string): Promise<LoginStep>;
  verifyRecoveryCode(code: string): Promise<LoginStep>;
  changePassword(currentPassword: string, newPassword: string): Promise<LoginStep>;
  logout(): Promise<void>;

  listHouseholds(query: HouseholdListQuery, signal?: AbortSignal): Promise<HouseholdList>;
  getHousehold(id: string, signal?: AbortSignal): Promise<HouseholdDetail>;
  /** The full value of one masked field: a deliberate act the server audits with the reason. */
  unmaskMember(householdId: string, memberId: string, field: UnmaskField, reason: string): Promise<string>;

  /**
   * Any JSON call, validated by `schema`: features keep their endpoints in their own `*-api.ts`
   * files on top of this instead of growing this interface. A 204 parses `undefined`.
   */
  request<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    schema: S,
    options?: { body?: unknown; signal?: AbortSignal; headers?: Record<string, string> },
  ): Promise<z.infer<S>>;
  /** Sends a file as the raw body (e.g. an XLSX import) and parses the JSON answer. */
  upload<S extends z.ZodType>(
    path: string,
    file: Blob,
    schema: S,
    options?: { headers?: Record<string, string> },
  ): Promise<z.infer<S>>;
  /** Fetches a file (an export, a template, a report) with its suggested name. */
  download(path: string, signal?: AbortSignal): Promise<{ blob: Blob; fileName: string | null }>;

  /**
   * Calls `listener` whenever a request outside the sign-in flow answers 401, i.e. the session
   * ended under the page (idle timeout, revoked). Returns the unsubscribe function.
   */
  onUnauthenticated(listener: () => void): () => void;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface SendOptions {
  method?: HttpMethod;
  headers?: Record<string, string>;
  body?: string | Blob;
  signal?: AbortSignal;
}

const PROBLEM_TYPE = /^application\/problem\+json\b/i;
/** The sign-in flow's own endpoints: a 401 there is an answer (wrong password), not an expiry. */
const AUTH_PREFIX = '/api/v1/auth/';
const nextSchema = loginResponseSchema;
const noContentSchema = z.unknown();

/**
 * The typed client of the MinQing API. It only ever requests same-origin relative paths (the
 * page's Content-Security-Policy allows no other origin; the session cookie goes along), validates
 * every response with the shared zod schema, and throws ApiError for anything else.
 */
export function createApiClient(
  fetchImpl: FetchLike = (input, init) => globalThis.fetch(input, init),
): ApiClient {
  const unauthenticatedListeners = new Set<() => void>();

  async function send(path: string, init: SendOptions = {}): Promise<Response> {
    if (!path.startsWith('/') || path.startsWith('//')) {
      throw new Error(`API paths must be same-origin and relative, got ${path}`);
    }
    let response: Response;
    try {
      response = await fetchImpl(path, {
        ...init,
        credentials: 'same-origin',
        headers: { accept: 'application/json', ...init.headers },
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ApiError('NETWORK', { status: 0, message: String(error), cause: error });
    }
    if (!response.ok) {
      if (response.status === 401 && !path.startsWith(AUTH_PREFIX)) {
        for (const listener of [...unauthenticatedListeners]) listener();
      }
      throw await errorFrom(response);
    }
    return response;
  }

  async function parse<S extends z.ZodType>(
    response: Response,
    schema: S,
    path: string,
  ): Promise<z.infer<S>> {
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new ApiError('BAD_RESPONSE', {
        status: response.status,
        message: `Unexpected response from ${path}`,
      });
    }
    return parsed.data;
  }

  async function getJson<S extends z.ZodType>(
    path: string,
    schema: S,
    signal?: AbortSignal,
  ): Promise<z.infer<S>> {
    const response = await send(path, signal ? { signal } : {});
    return parse(response, schema, path);
  }

  /** POSTs JSON (`{}` when there is nothing to send) and parses the answer; a 204 parses as undefined. */
  async function postJson<S extends z.ZodType>(path: string, body: object, schema: S): Promise<z.infer<S>> {
    const response = await send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status === 204) return schema.parse(undefined);
    return parse(response, schema, path);
  }

  const step = async (path: string, body: object): Promise<LoginStep> =>
    (await postJson(path, body, nextSchema)).next;

  return {
    getMeta: (signal) => getJson('/api/v1/meta', metaSchema, signal),

    async listRegions(parentId, signal) {
      const query = parentId === undefined ? '' : `?${new URLSearchParams({ parentId })}`;
      const list = await getJson(`/api/v1/regions${query}`, regionListSchema, signal);
      return list.items;
    },

    async reportClientError(report) {
      await send('/api/v1/client-errors', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(clientErrorSchema.parse(report)),
      });
    },

    getMe: (signal) => getJson('/api/v1/auth/me', meSchema, signal),
    login: (username, password) => step('/api/v1/auth/login', { username, password }),
    startTotpEnrollment: () => postJson('/api/v1/auth/totp/enroll', {}, enrollmentSchema),
    confirmTotpEnrollment: (code) =>
      postJson('/api/v1/auth/totp/confirm', { code }, enrollConfirmResponseSchema),
    verifyTotp: (code) => step('/api/v1/auth/totp', { code }),
    verifyRecoveryCode: (code) => step('/api/v1/auth/recovery', { code }),
    changePassword: (currentPassword, newPassword) =>
      step('/api/v1/auth/password', { currentPassword, newPassword }),
    async logout() {
      await postJson('/api/v1/auth/logout', {}, noContentSchema);
    },

    listHouseholds(query, signal) {
      return getJson(`/api/v1/households?${householdListParams(query)}`, householdListSchema, signal);
    },
    getHousehold: (id, signal) =>
      getJson(`/api/v1/households/${encodeURIComponent(id)}`, householdDetailSchema, signal),
    async unmaskMember(householdId, memberId, field, reason) {
      const path = `/api/v1/households/${encodeURIComponent(householdId)}/members/${encodeURIComponent(memberId)}/unmask`;
      return (await postJson(path, { field, reason }, unmaskResponseSchema)).value;
    },

    async request(method, path, schema, options = {}) {
      const hasBody = method !== 'GET' && method !== 'DELETE' ? true : options.body !== undefined;
      // Extra headers (If-Match, Idempotency-Key) go along; the body's content type stays JSON.
      const headers = { ...options.headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) };
      const response = await send(path, {
        method,
        headers,
        ...(hasBody ? { body: JSON.stringify(options.body ?? {}) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (response.status === 204) return schema.parse(undefined);
      return parse(response, schema, path);
    },

    async upload(path, file, schema, options = {}) {
      const response = await send(path, {
        method: 'POST',
        // Extra headers (an upload's Idempotency-Key) go along.
        headers: { ...options.headers, 'content-type': file.type || 'application/octet-stream' },
        body: file,
      });
      return parse(response, schema, path);
    },

    async download(path, signal) {
      const response = await send(path, signal ? { signal } : {});
      return {
        blob: await response.blob(),
        fileName: fileNameOf(response.headers.get('content-disposition')),
      };
    },

    onUnauthenticated(listener) {
      unauthenticatedListeners.add(listener);
      return () => {
        unauthenticatedListeners.delete(listener);
      };
    },
  };
}

/** The list query as URL parameters, leaving out what is unset or blank. */
export function householdListParams(query: HouseholdListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.regionId) params.set('regionId', query.regionId);
  const q = query.q?.trim();
  if (q) params.set('q', q);
  if (query.tag) params.set('tag', query.tag);
  params.set('limit', String(query.limit ?? 20));
  if (query.after) params.set('after', query.after);
  if (query.page) params.set('page', String(query.page));
  return params;
}

/** The file name a Content-Disposition header suggests (RFC 6266, UTF-8 form preferred). */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      return null;
    }
  }
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? null;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  if (PROBLEM_TYPE.test(response.headers.get('content-type') ?? '')) {
    const problem = problemSchema.safeParse(await response.json().catch(() => undefined));
    if (problem.success) return ApiError.fromProblem(problem.data, retryAfter);
  }
  return ApiError.fromStatus(response.status, retryAfter);
}

/** The client the app uses: the browser's fetch against the page's own origin. */
export const api: ApiClient = createApiClient();

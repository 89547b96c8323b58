import type { z } from 'zod';
import { type ClientError, clientErrorSchema, type Meta, metaSchema } from '../../shared/domain/meta.ts';
import { type RegionNode, regionListSchema } from '../../shared/domain/region.ts';
import { problemSchema } from '../../shared/errors/problem.ts';
import { ApiError } from './api-error.ts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClient {
  getMeta(signal?: AbortSignal): Promise<Meta>;
  /** Children of a region, or the top-level regions when `parentId` is omitted. */
  listRegions(parentId?: string, signal?: AbortSignal): Promise<RegionNode[]>;
  reportClientError(report: ClientError): Promise<void>;
}

interface SendOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

const PROBLEM_TYPE = /^application\/problem\+json\b/i;

/**
 * The typed client of the MinQing API. It only ever requests same-origin relative paths (the
 * page's Content-Security-Policy allows no other origin), validates every response with the
 * shared zod schema, and throws ApiError for anything else.
 */
export function createApiClient(
  fetchImpl: FetchLike = (input, init) => globalThis.fetch(input, init),
): ApiClient {
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
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  async function getJson<S extends z.ZodType>(
    path: string,
    schema: S,
    signal?: AbortSignal,
  ): Promise<z.infer<S>> {
    const response = await send(path, signal ? { signal } : {});
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new ApiError('BAD_RESPONSE', {
        status: response.status,
        message: `Unexpected response from ${path}`,
      });
    }
    return parsed.data;
  }

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
  };
}

async function errorFrom(response: Response): Promise<ApiError> {
  if (PROBLEM_TYPE.test(response.headers.get('content-type') ?? '')) {
    const problem = problemSchema.safeParse(await response.json().catch(() => undefined));
    if (problem.success) return ApiError.fromProblem(problem.data);
  }
  return ApiError.fromStatus(response.status);
}

/** The client the app uses: the browser's fetch against the page's own origin. */
export const api: ApiClient = createApiClient();

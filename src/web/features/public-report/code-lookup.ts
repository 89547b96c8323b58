import {
  type PublicCodePlace,
  publicCodePlaceSchema,
  retiredCodeProblemSchema,
} from '../../../shared/domain/public-codes.ts';
import { problemSchema } from '../../../shared/errors/problem.ts';
import { ApiError } from '../../api/api-error.ts';

export type CodeLookup =
  | { status: 'found'; place: PublicCodePlace }
  | { status: 'retired'; replacedBy: string | null }
  | { status: 'unknown' };

/**
 * GET /api/v1/public/codes/:code (contract C1). Read here rather than through the API client,
 * whose problem parsing keeps only the common fields: a retired code's 410 carries
 * `details.replacedBy`, which the form needs to send the resident on to the new code.
 */
export async function lookUpCode(code: string, signal?: AbortSignal): Promise<CodeLookup> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/public/codes/${encodeURIComponent(code)}`, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('NETWORK', { status: 0, message: String(error), cause: error });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const place = publicCodePlaceSchema.safeParse(body);
    if (place.success) return { status: 'found', place: place.data };
  } else if (response.status === 410) {
    const retired = retiredCodeProblemSchema.safeParse(body);
    return { status: 'retired', replacedBy: retired.success ? retired.data.details.replacedBy : null };
  } else if (response.status === 404) {
    return { status: 'unknown' };
  } else {
    const problem = problemSchema.safeParse(body);
    if (problem.success) throw ApiError.fromProblem(problem.data);
  }
  throw new ApiError('BAD_RESPONSE', {
    status: response.status,
    message: 'Unexpected response to a code lookup',
  });
}

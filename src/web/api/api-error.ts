import { ERROR_CODES, type ErrorCode } from '../../shared/errors/codes.ts';
import type { Problem } from '../../shared/errors/problem.ts';

/**
 * Failures that happen in the browser and so have no server code: the server was unreachable,
 * or it answered with something the shared schema rejects.
 */
export const CLIENT_ERROR_CODES = {
  NETWORK: { messageKey: 'errors.network' },
  BAD_RESPONSE: { messageKey: 'errors.badResponse' },
} as const;
export type ClientErrorCode = keyof typeof CLIENT_ERROR_CODES;

/**
 * The one error type the UI sees from the API. `messageKey` is an i18n key, so a page shows
 * `t(error.messageKey)` and never the server's English title or detail.
 */
export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly messageKey: string;
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  readonly requestId: string | undefined;
  readonly problem: Problem | undefined;
  /** From a 429's Retry-After header: how long to wait before trying again, when the server said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode | ClientErrorCode,
    init: {
      status: number;
      message?: string;
      problem?: Problem;
      cause?: unknown;
      retryAfterSeconds?: number | undefined;
    },
  ) {
    super(init.message ?? code, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.code = code;
    this.status = init.status;
    this.problem = init.problem;
    this.requestId = init.problem?.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.messageKey =
      init.problem?.messageKey ??
      (code in ERROR_CODES ? ERROR_CODES[code as ErrorCode] : CLIENT_ERROR_CODES[code as ClientErrorCode])
        .messageKey;
  }

  static fromProblem(problem: Problem, retryAfterSeconds?: number): ApiError {
    return new ApiError(problem.code, {
      status: problem.status,
      message: problem.detail ?? problem.title,
      problem,
      retryAfterSeconds,
    });
  }

  /** The messages of the field-level issues (e.g. which password rule failed), if any. */
  get issueMessages(): string[] {
    return this.problem?.errors?.map((issue) => issue.message) ?? [];
  }

  /** The code for a status when the body was not problem+json (e.g. a proxy's own error page). */
  static fromStatus(status: number, retryAfterSeconds?: number): ApiError {
    const codes = Object.keys(ERROR_CODES) as ErrorCode[];
    const code =
      codes.find((c) => ERROR_CODES[c].status === status) ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
    return new ApiError(code, { status, message: `HTTP ${status}`, retryAfterSeconds });
  }
}

/**
 * A Retry-After header as whole seconds from `now`: either delay-seconds or an HTTP date
 * (RFC 9110 §10.2.3). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Anything thrown while talking to the API, as an ApiError (unexpected errors count as bad responses). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('BAD_RESPONSE', {
    status: 0,
    message: error instanceof Error ? error.message : String(error),
    cause: error,
  });
}

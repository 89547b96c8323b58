import { ERROR_CODES, type ErrorCode } from './codes.ts';

/** One field-level problem, as reported in a problem+json `errors` array. */
export interface FieldIssue {
  /** JSON pointer-like dotted path to the offending field, e.g. `body.members.0.phone`. */
  path: string;
  /** Machine-readable reason (zod issue code or a domain reason). */
  reason: string;
  message: string;
}

/**
 * The single error type of the application. Services and repositories throw it; the HTTP layer
 * turns it into problem+json using the code table, so no other layer chooses a status code.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  /** Seconds after which a refused request may be tried again (sent as Retry-After). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    detail?: string,
    options?: { issues?: FieldIssue[]; cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(
      detail ?? ERROR_CODES[code].title,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'AppError';
    this.code = code;
    this.issues = options?.issues ?? [];
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue } from '../../shared/errors/app-error.ts';
import { ERROR_CODES, type ErrorCode } from '../../shared/errors/codes.ts';
import type { Problem } from '../../shared/errors/problem.ts';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  isConnectionFailure,
  isDataException,
  isStatementTimeout,
  isUniqueViolation,
} from '../db/db-errors.ts';
import { isRetryableDbError } from '../db/retry.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail?: string,
  issues: FieldIssue[] = [],
): FastifyReply {
  const entry = ERROR_CODES[code];
  const body: Problem = {
    type: `https://minqing.dev/errors/${code.toLowerCase().replaceAll('_', '-')}`,
    title: entry.title,
    status: entry.status,
    code,
    messageKey: entry.messageKey,
    requestId: reply.request.id,
    ...(detail ? { detail } : {}),
    ...(issues.length ? { errors: issues } : {}),
  };
  return reply.code(entry.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** Maps Fastify's own error codes (parser, limits) onto ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_ASYNC_CONSTRAINT: 'BAD_REQUEST',
};

function codeForStatus(status: number): ErrorCode {
  const match = (Object.keys(ERROR_CODES) as ErrorCode[]).find((c) => ERROR_CODES[c].status === status);
  return match ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
}

/**
 * One error handler for the whole API: every failure leaves as problem+json with a stable code.
 * Client mistakes are 4xx with field-level detail; anything unexpected is a bare 500 whose
 * detail stays in the log (with the request id), never in the response.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      // A shed request is the server working as designed under load: its access line says enough.
      if (error.status >= 500 && error.code !== 'OVERLOADED')
        request.log.error({ err: error }, 'application error');
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      return sendProblem(reply, error.code, error.message, error.issues);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues: FieldIssue[] = error.validation.map((v) => ({
        path: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        reason: String(v.keyword),
        message: v.message ?? 'invalid',
      }));
      return sendProblem(reply, 'VALIDATION_FAILED', 'The request does not match the schema.', issues);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return sendProblem(reply, 'INTERNAL');
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendProblem(reply, mapped, error.message);
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return sendProblem(reply, 'MALFORMED_JSON', 'The body is not valid JSON.');
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return sendProblem(reply, 'RATE_LIMITED', 'Too many requests; try again later.');
    if (status >= 400 && status < 500) return sendProblem(reply, codeForStatus(status), error.message);
    if (isDataException(error)) {
      // Logged: a value validation let through is a gap in a schema worth closing.
      request.log.warn({ err: error }, 'database refused a value');
      return sendProblem(reply, 'VALIDATION_FAILED', 'A value in the request cannot be stored.');
    }
    if (isUniqueViolation(error)) {
      // Two requests wrote the same key at once and the use case did not name the race itself:
      // the state changed under the request, which a reload and retry answers. Logged, since the
      // use case should say which record was taken.
      request.log.warn({ err: error }, 'unique key taken meanwhile');
      return sendProblem(reply, 'CONFLICT', 'The same record was written meanwhile; reload and try again.');
    }
    if (isConnectionFailure(error) || isStatementTimeout(error)) {
      // The database is away (stopped, restarting, connections cut) or a statement ran past
      // statement_timeout: the request may succeed later, so 503 with Retry-After, not 500.
      const timedOut = isStatementTimeout(error);
      request.log.warn({ err: error }, timedOut ? 'statement timed out' : 'database unavailable');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendProblem(
        reply,
        'SERVICE_UNAVAILABLE',
        timedOut
          ? 'The request took too long; try again later.'
          : 'The database is unavailable; try again later.',
      );
    }
    if (isRetryableDbError(error)) {
      // Deadlocks or serialization failures that outlasted db/retry.ts's retries: contention,
      // not a fault of the request, so it may succeed when tried again.
      request.log.warn({ err: error }, 'transaction kept conflicting');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendProblem(reply, 'SERVICE_UNAVAILABLE', 'The server is busy; try again later.');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL');
  });
}

/**
 * Errors Fastify raises before routing (a malformed URL escape, an invalid content length) do not
 * reach the error handler; this gives them the same problem+json shape.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  sendProblem(reply, mapped ?? 'BAD_REQUEST', error.message);
}

import type { FastifyReply } from 'fastify';
import { ERROR_CODES } from '../../../shared/errors/codes.ts';
import { PROBLEM_CONTENT_TYPE } from '../../http/problem.ts';
import type { RetiredPublicCode } from './public-code-place.ts';

/**
 * A retired code's 410, as the code lookup and the report form answer it: a problem+json like every
 * other, plus `details.replacedBy`, which lets the form send the resident on to the new code (the
 * product's error type carries field issues only, so this one answer is written here, once).
 */
export function sendRetiredCode(reply: FastifyReply, error: RetiredPublicCode) {
  const entry = ERROR_CODES.PUBLIC_CODE_RETIRED;
  return reply
    .code(entry.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({
      type: 'https://minqing.dev/errors/public-code-retired',
      title: entry.title,
      status: entry.status,
      code: 'PUBLIC_CODE_RETIRED' as const,
      messageKey: entry.messageKey,
      requestId: reply.request.id,
      detail: error.message,
      details: { replacedBy: error.replacedBy },
    });
}

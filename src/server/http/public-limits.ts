import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { PUBLIC_READS_PER_WRITE } from '../config.ts';

/**
 * The per-address allowances residents' routes share (docs/errors.md RATE_LIMITED;
 * docs/specs/residents-and-intake.md): their writes (a report, an SMS code, a rating) count against
 * one limit a minute, and their reads (a QR code's place, a status page) against six times that.
 * A route takes the hook as its `onRequest` and sets `rateLimit: false`.
 */
export function publicWriteLimit(app: FastifyInstance): onRequestAsyncHookHandler {
  return app.sharedRateLimit('public-writes', app.ctx.config.publicRateLimitPerMinute);
}

export function publicReadLimit(app: FastifyInstance): onRequestAsyncHookHandler {
  return app.sharedRateLimit(
    'public-reads',
    app.ctx.config.publicRateLimitPerMinute * PUBLIC_READS_PER_WRITE,
  );
}

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../shared/errors/app-error.ts';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  isConnectionFailure,
  isDataException,
  isStatementTimeout,
} from '../../db/db-errors.ts';
import { createRequest } from './create-request.ts';
import { discovery } from './discovery.ts';
import { resolveJurisdiction } from './jurisdiction.ts';
import { createKeyRateLimit } from './key-rate-limit.ts';
import { badRequest, Open311Error } from './open311-error.ts';
import { type Open311Format, sendOpen311 } from './open311-format.ts';
import { type Open311Params, param, parseForm } from './open311-params.ts';
import { listRequests, listUpdates, readRequest, readToken } from './read-requests.ts';
import { listServices, serviceDefinition } from './read-services.ts';

/** Not in the OpenAPI document: these answer in Open311's formats, not the product's (problem+json). */
const HIDDEN = { hide: true };

/**
 * Reads per address and minute, as a share of the general per-address limit (120 of the default
 * 600): a client polling requests and updates, not a scraper.
 */
export const OPEN311_READ_SHARE = 5;

/** The format the path asks for; an error answers in it too (XML, the required one, when unclear). */
function formatOf(request: FastifyRequest): Open311Format {
  const format = (request.params as { format?: unknown } | undefined)?.format;
  if (format === 'json' || format === 'xml') return format;
  return (request.url.split('?')[0] ?? '').endsWith('.json') ? 'json' : 'xml';
}

function formatParam(request: FastifyRequest): Open311Format {
  const format = (request.params as { format?: unknown }).format;
  if (format !== 'json' && format !== 'xml') throw badRequest('Invalid URL: the format is .json or .xml.');
  return format;
}

function sendError(reply: FastifyReply, status: number, description: string): FastifyReply {
  const format = formatOf(reply.request);
  return sendOpen311(reply, format, 'errors', [{ code: status, description }], status);
}

/** Maps every failure to the spec's statuses: 404 and 403 as they are, 429 kept, other 4xx 400. */
function statusOf(error: FastifyError | AppError | Open311Error): number {
  if (error instanceof Open311Error) return error.status;
  const status = (error instanceof AppError ? error.status : error.statusCode) ?? 500;
  if (status === 403 || status === 404 || status === 429) return status;
  if (status >= 400 && status < 500) return 400;
  return status === 503 ? 503 : 500;
}

/**
 * Open311 GeoReport v2 (issue 15 §3; docs/specs/residents-and-intake.md "Open311"): discovery at
 * /open311/discovery.{json,xml}, the six methods and the updates extension under /open311/v2/.
 * Registered with the /open311 prefix, so its error and not-found handlers answer in the spec's
 * error format instead of problem+json. GETs are keyless; POST takes an api_key.
 */
export const open311Routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher, config } = app.ctx;
  const limit = createKeyRateLimit(config.open311RateLimitPerMinute);
  const origin = (request: FastifyRequest) =>
    config.publicOrigins[0] ?? `${request.protocol}://${request.host}`;
  // One allowance for all of an address's Open311 reads (docs/specs/residents-and-intake.md).
  const readLimit = app.sharedRateLimit(
    'open311-reads',
    Math.max(1, Math.floor(config.rateLimitPerMinute / OPEN311_READ_SHARE)),
  );
  const reads = { access: 'public' as const, rateLimit: false as const };
  const query = (request: FastifyRequest) => (request.query ?? {}) as Open311Params;
  const jurisdictionOf = (params: Open311Params) => resolveJurisdiction(db, param(params, 'jurisdiction_id'));

  // Open311 POST bodies are forms; JSON is taken too.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, parseForm(body as string));
    },
  );

  // The GETs are keyless and public by the standard: a web client on another site may read them.
  app.addHook('onSend', async (request, reply) => {
    if (request.method === 'GET') reply.header('access-control-allow-origin', '*');
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // A value the database refuses (a NUL byte in a parameter, say) is the client's 400, as in the
    // product's own error handler (http/problem.ts).
    if (isDataException(error)) {
      request.log.warn({ err: error }, 'database refused a value');
      return sendError(reply, 400, 'A parameter holds a value that cannot be used.');
    }
    const status = statusOf(error);
    if (status >= 500) {
      if (isConnectionFailure(error) || isStatementTimeout(error)) {
        request.log.warn({ err: error }, 'database unavailable');
        reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
        return sendError(reply, 503, 'The service is unavailable; try again later.');
      }
      request.log.error({ err: error }, 'unhandled error');
      return sendError(reply, status, 'The request failed; try again later.');
    }
    const description =
      error instanceof Open311Error || error instanceof AppError
        ? error.message
        : status === 429
          ? 'Too many requests; try again later.'
          : status === 400 && error.code?.startsWith('FST_ERR_CTP')
            ? 'The body must be application/x-www-form-urlencoded or JSON.'
            : error.message;
    return sendError(reply, status, description);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 400, `Invalid URL: no Open311 method ${request.method} ${request.url.split('?')[0]}.`),
  );

  app.get(
    '/discovery.:format',
    { config: reads, onRequest: readLimit, schema: HIDDEN },
    async (request, reply) =>
      sendOpen311(reply, formatParam(request), 'discovery', await discovery(db, origin(request))),
  );

  app.get(
    '/v2/services.:format',
    { config: reads, onRequest: readLimit, schema: HIDDEN },
    async (request, reply) => {
      const format = formatParam(request);
      const services = await listServices(db, await jurisdictionOf(query(request)));
      return sendOpen311(reply, format, 'services', services);
    },
  );

  app.get(
    '/v2/services/:code.:format',
    { config: reads, onRequest: readLimit, schema: HIDDEN },
    async (request, reply) => {
      const format = formatParam(request);
      const { code } = request.params as { code: string };
      const definition = await serviceDefinition(db, await jurisdictionOf(query(request)), code);
      return sendOpen311(reply, format, 'service_definition', definition);
    },
  );

  app.post(
    '/v2/requests.:format',
    {
      // Within the general per-address limit, counted with the address's other requests.
      config: { access: 'public' },
      schema: HIDDEN,
    },
    async (request, reply) => {
      const format = formatParam(request);
      const body = request.body && typeof request.body === 'object' ? (request.body as Open311Params) : {};
      // jurisdiction_id and api_key may come in the query string as well as in the body.
      const params = { ...query(request), ...body };
      const created = await createRequest(
        { db, cipher, limit, sourceIp: request.ip, origin: origin(request), now: new Date() },
        params,
      );
      return sendOpen311(reply, format, 'service_requests', created);
    },
  );

  app.get(
    '/v2/requests.:format',
    { config: reads, onRequest: readLimit, schema: HIDDEN },
    async (request, reply) => {
      const format = formatParam(request);
      const params = query(request);
      const requests = await listRequests(db, await jurisdictionOf(params), params, new Date());
      return sendOpen311(reply, format, 'service_requests', requests);
    },
  );

  app.get(
    '/v2/requests/:id.:format',
    { config: reads, onRequest: readLimit, schema: HIDDEN },
    async (request, reply) => {
      const format = formatParam(request);
      const { id } = request.params as { id: string };
      return sendOpen311(
        reply,
        format,
        'service_requests',
        await readRequest(db, await jurisdictionOf(query(request)), id),
      );
    },
  );

  app.get(
    '/v2/tokens/:token.:format',
    { config: reads, onRequest: readLimit, schema: HIDDEN },
    async (request, reply) => {
      const format = formatParam(request);
      const { token } = request.params as { token: string };
      return sendOpen311(
        reply,
        format,
        'service_requests',
        await readToken(db, await jurisdictionOf(query(request)), token),
      );
    },
  );

  app.get(
    '/v2/servicerequestupdates.:format',
    { config: reads, onRequest: readLimit, schema: HIDDEN },
    async (request, reply) => {
      const format = formatParam(request);
      const params = query(request);
      const updates = await listUpdates(db, await jurisdictionOf(params), params, new Date());
      return sendOpen311(reply, format, 'service_request_updates', updates);
    },
  );
};

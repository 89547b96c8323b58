import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roleSchema } from '../../../shared/auth/roles.ts';
import { clientErrorSchema, metaSchema } from '../../../shared/domain/meta.ts';
import { DEMO_PASSWORD } from '../../seed/demo-accounts.ts';
import { pingDatabase } from './system.repository.ts';

const healthSchema = z.object({ status: z.literal('ok') });
/** The process's load as load shedding sees it (http/shedding.ts LoadStatus). */
const loadSchema = z.object({
  shedding: z.boolean(),
  reason: z.enum(['database', 'event-loop']).nullable(),
  saturation: z.number().min(0),
  inFlight: z.number().int().min(0),
  outsideInFlight: z.number().int().min(0),
  outsideInFlightMax: z.number().int().min(0),
  queueMax: z.number().int().min(0),
  queueDelayMs: z.number().min(0).nullable(),
  queueDelayLimitMs: z.number().min(0),
  eventLoopDelayMs: z.number().min(0),
  eventLoopDelayLimitMs: z.number().min(0),
  pool: z
    .object({
      max: z.number().int(),
      total: z.number().int(),
      idle: z.number().int(),
      waiting: z.number().int(),
    })
    .nullable(),
});
const readySchema = z.object({
  status: z.enum(['ready', 'overloaded', 'unavailable']),
  engine: z.string(),
  load: loadSchema,
});

/**
 * A ping slower than this answers 503 rather than hold the probe: on PGlite it waits behind
 * whatever statement holds the one connection (on PostgreSQL the pool's wait bound applies first).
 */
const READY_PING_TIMEOUT_MS = 2_000;

/** Probes, deployment metadata and the browser's crash reports. */
export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Liveness: the process answers', response: { 200: healthSchema } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Readiness: the database answers and the process is not shedding load',
        description:
          'Never shed itself. 503 with status `overloaded` while new API requests are refused ' +
          '(OVERLOADED), `unavailable` when the database does not answer in time; `load` says why.',
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_request, reply) => {
      const { database } = app.ctx;
      const engine = database.engine;
      const before = app.loadStatus();
      // Shedding: answer at once, without queueing a ping behind the requests that caused it.
      if (before.shedding)
        return reply.code(503).send({ status: 'overloaded' as const, engine, load: before });
      const answered = await pingDatabase(database.db, READY_PING_TIMEOUT_MS).then(
        () => true,
        () => false,
      );
      const load = app.loadStatus();
      if (!answered) return reply.code(503).send({ status: 'unavailable' as const, engine, load });
      return { status: 'ready' as const, engine, load };
    },
  );

  app.get(
    '/api/v1/meta',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Deployment metadata for the web shell',
        response: { 200: metaSchema },
      },
    },
    async () => {
      const { config, database, repositories } = app.ctx;
      const demo = (await repositories.settings.get<boolean>('demo')) === true;
      const district = await repositories.regions.firstDistrict();
      const accounts = demo ? await repositories.users.demoAccounts() : [];
      return {
        name: 'MinQing' as const,
        version: config.public.version,
        engine: database.engine,
        defaultLocale: config.public.defaultLocale,
        demo,
        mapTiles: config.public.mapTiles,
        district,
        demoLogin: demo
          ? {
              password: DEMO_PASSWORD,
              accounts: accounts.map((a) => ({
                username: a.username,
                role: roleSchema.parse(a.role),
                scopeName: a.scope_name ?? district?.name ?? a.district_code,
              })),
            }
          : null,
      };
    },
  );

  app.post(
    '/api/v1/client-errors',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['system'],
        summary: 'Report a crash caught by the web error boundary',
        body: clientErrorSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      // Logged as a bounded summary: browsers' messages can echo user input, so only lengths of
      // the free-text fields and the path of the page are kept.
      const { message, stack, url } = request.body;
      request.log.warn(
        {
          clientError: {
            messageLength: message.length,
            stackLength: stack?.length ?? 0,
            path: safePath(url),
          },
        },
        'client error reported',
      );
      return reply.code(204).send(null);
    },
  );
};

function safePath(url: string): string {
  try {
    return new URL(url, 'http://localhost').pathname.slice(0, 200);
  } catch {
    return '(invalid)';
  }
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roleSchema } from '../../../shared/auth/roles.ts';
import { clientErrorSchema, metaSchema } from '../../../shared/domain/meta.ts';
import { DEMO_PASSWORD } from '../../seed/demo-accounts.ts';
import { pingDatabase } from './system.repository.ts';

const healthSchema = z.object({ status: z.literal('ok') });
const readySchema = z.object({ status: z.enum(['ready', 'unavailable']), engine: z.string() });

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
        summary: 'Readiness: the database answers',
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_request, reply) => {
      const { database } = app.ctx;
      try {
        await pingDatabase(database.db);
        return { status: 'ready' as const, engine: database.engine };
      } catch {
        return reply.code(503).send({ status: 'unavailable' as const, engine: database.engine });
      }
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

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Cases: intake, the queue, the case page and every workflow action. */
export const caseRoutes: FastifyPluginAsyncZod = async () => {};

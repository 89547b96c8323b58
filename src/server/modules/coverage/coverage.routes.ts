import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Coverage and quota progress per unit and period. */
export const coverageRoutes: FastifyPluginAsyncZod = async () => {};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The configurable household and enterprise tag lists. */
export const tagRoutes: FastifyPluginAsyncZod = async () => {};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The case category tree and the department owning each category. */
export const categoryRoutes: FastifyPluginAsyncZod = async () => {};

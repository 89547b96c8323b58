import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Spot checks of visits (抽查): reproducible samples and their verification. */
export const spotCheckRoutes: FastifyPluginAsyncZod = async () => {};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Creating and editing households and their members. */
export const householdWriteRoutes: FastifyPluginAsyncZod = async () => {};

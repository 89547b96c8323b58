import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The signed-in user's in-app notifications. */
export const notificationRoutes: FastifyPluginAsyncZod = async () => {};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The visit diary (民情日记): recording visits with their issues, the field sync, photos, comments. */
export const visitRoutes: FastifyPluginAsyncZod = async () => {};

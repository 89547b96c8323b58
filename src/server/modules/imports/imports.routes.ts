import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Imports through the web: templates, uploads and validation reports. */
export const importRoutes: FastifyPluginAsyncZod = async () => {};

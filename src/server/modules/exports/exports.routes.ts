import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Streamed XLSX exports and the approval records personal-data exports need. */
export const exportRoutes: FastifyPluginAsyncZod = async () => {};

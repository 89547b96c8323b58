import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Dispatch suggestions (category → department, area) and likely duplicates of a case. */
export const caseSuggestionRoutes: FastifyPluginAsyncZod = async () => {};

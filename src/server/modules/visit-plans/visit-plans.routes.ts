import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Visit rules, 包联 assignments, visiting teams and the visit-day list. */
export const visitPlanRoutes: FastifyPluginAsyncZod = async () => {};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Key households: the "五个要" record and the 一户一策 plan with follow-ups. */
export const keyHouseholdRoutes: FastifyPluginAsyncZod = async () => {};

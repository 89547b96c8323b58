import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Mentor and mentee pairs (结对帮带). */
export const mentoringRoutes: FastifyPluginAsyncZod = async () => {};

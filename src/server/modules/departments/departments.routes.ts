import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Departments at district and street level (helper A fills this in). */
export const departmentRoutes: FastifyPluginAsyncZod = async () => {};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** A resident's own report through the QR code form (no account). */
export const publicReportRoutes: FastifyPluginAsyncZod = async () => {};

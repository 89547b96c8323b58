import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The enterprise ledger (入账 / 理账 / 结账 / 督账) over the case engine. */
export const ledgerRoutes: FastifyPluginAsyncZod = async () => {};

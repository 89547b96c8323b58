import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ledgerPageSchema, ledgerQuerySchema } from '../../../shared/domain/ledger.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor } from '../auth/scope.ts';
import { enterpriseLedger } from './enterprise-ledger.ts';

/** The enterprise ledger (入账 / 理账 / 结账 / 督账) over the case engine. */
export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/ledger/enterprises',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'Enterprise cases by ledger stage, with the figures of the same cohort',
        querystring: ledgerQuerySchema,
        response: { 200: ledgerPageSchema },
      },
    },
    async (request) =>
      enterpriseLedger(app.ctx.database.db, caseScopeFor(request.principal as Principal), request.query),
  );
};

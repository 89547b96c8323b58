import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { progressQueryShape } from '../../../shared/domain/progress.ts';
import { visitListQuerySchema } from '../../../shared/domain/visit.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { sendExport } from '../exports/send-export.ts';
import { prepareVisitListExport, streamVisitListExport } from './export-visit-list.ts';
import { visitListFilter } from './visit-list-filter.ts';

const exportQuerySchema = visitListQuerySchema
  .omit({ after: true, limit: true, page: true })
  .extend(progressQueryShape);

/** The visit diary's export: the visits the diary's filters show, as XLSX, audited. */
export const visitListExportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/visits/export',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['visits'],
        summary: 'Download the visit diary in scope, with its filters, as XLSX; audited',
        querystring: exportQuerySchema,
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'visits:read');
      const { progressId, ...query } = request.query;
      const filter = await visitListFilter(app.ctx.repositories.regions, scope, query);
      return sendExport(db, request, reply, {
        kind: 'visits',
        progressId,
        plan: () =>
          prepareVisitListExport(
            db,
            actorOf(principal, request.ip),
            scope,
            filter,
            query.regionId,
            new Date(),
          ),
        write: (out) => streamVisitListExport(db, scope, scopeFor(principal, 'households:read'), filter, out),
      });
    },
  );
};

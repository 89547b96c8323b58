import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { visitListQuerySchema } from '../../../shared/domain/visit.ts';
import { sendXlsx } from '../../http/attachment.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { workbookBody } from '../exports/write-workbook.ts';
import { prepareVisitListExport, streamVisitListExport } from './export-visit-list.ts';
import { visitListFilter } from './visit-list-filter.ts';

const exportQuerySchema = visitListQuerySchema.omit({ after: true, limit: true });

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
      const filter = await visitListFilter(app.ctx.repositories.regions, scope, request.query);
      const now = new Date();
      const plan = await prepareVisitListExport(
        db,
        actorOf(principal, request.ip),
        scope,
        filter,
        request.query.regionId,
        now,
      );
      const body = workbookBody(request.log, (out) => streamVisitListExport(db, scope, filter, out));
      return sendXlsx(reply, plan.fileName, body, { 'x-export-rows': String(plan.rows) });
    },
  );
};

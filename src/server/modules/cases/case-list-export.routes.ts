import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { caseQueueQuerySchema } from '../../../shared/domain/case.ts';
import { progressQueryShape } from '../../../shared/domain/progress.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor, scopeFor } from '../auth/scope.ts';
import { sendExport } from '../exports/send-export.ts';
import { regionPathFilter } from '../regions/region-filter.ts';
import { handlingReach } from './case-views.ts';
import { type CaseListExport, prepareCaseListExport, streamCaseListExport } from './export-case-list.ts';

const exportQuerySchema = caseQueueQuerySchema
  .omit({ after: true, limit: true, page: true })
  .extend(progressQueryShape);

/** The case list's export: the queue view and filters the list shows, as XLSX, audited. */
export const caseListExportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/cases/export',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary:
          'Download a queue view of cases in scope, with its filters, as XLSX (no personal data); audited',
        querystring: exportQuerySchema,
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const { progressId, ...query } = request.query;
      const spec: CaseListExport = {
        scope: caseScopeFor(principal),
        query,
        caller: { userId: principal.userId, ...handlingReach(principal) },
        ...(await regionPathFilter(
          app.ctx.repositories.regions,
          scopeFor(principal, 'regions:read'),
          query.regionId,
        )),
        now: new Date(),
      };
      return sendExport(db, request, reply, {
        kind: 'cases',
        progressId,
        plan: () => prepareCaseListExport(db, actorOf(principal, request.ip), spec),
        write: (out) => streamCaseListExport(db, spec, out),
      });
    },
  );
};

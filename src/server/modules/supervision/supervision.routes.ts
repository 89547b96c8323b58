import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createSupervisionReportSchema,
  supervisionListQuerySchema,
  supervisionReportSchema,
  supervisionSummarySchema,
  updateSupervisionReportSchema,
} from '../../../shared/domain/supervision.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { draftSupervisionReport } from './draft-report.ts';
import { editSupervisionReport } from './edit-report.ts';
import { publishSupervisionReport } from './publish-report.ts';
import { listSupervisionReports, readSupervisionReport } from './read-reports.ts';

/**
 * Supervision reports (两督, issue 14 §2): drafted from a period's points, edited and published by
 * supervisors and leaders of the place (`supervision:write`), read by them and by the units named.
 */
export const supervisionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const params = z.object({ id: z.uuid() });

  app.post(
    '/api/v1/supervision-reports',
    {
      config: { access: 'supervision:write' },
      schema: {
        tags: ['supervision'],
        summary: "Drafts a street's or the district's supervision report from a period's points; audited",
        body: createSupervisionReportSchema,
        response: { 201: supervisionReportSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const report = await draftSupervisionReport(
        db,
        principal,
        actorOf(principal, request.ip),
        request.body,
        new Date(),
      );
      return reply.status(201).send(report);
    },
  );

  app.get(
    '/api/v1/supervision-reports',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['supervision'],
        summary: "Supervision reports the caller writes or is named in, of a place's and above and below it",
        querystring: supervisionListQuerySchema,
        response: { 200: z.array(supervisionSummarySchema) },
      },
    },
    async (request) => listSupervisionReports(db, request.principal as Principal, request.query.regionId),
  );

  app.get(
    '/api/v1/supervision-reports/:id',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['supervision'],
        summary: 'One supervision report with its findings and their rectification',
        params,
        response: { 200: supervisionReportSchema },
      },
    },
    async (request) =>
      readSupervisionReport(db, request.principal as Principal, request.params.id, new Date()),
  );

  app.patch(
    '/api/v1/supervision-reports/:id',
    {
      config: { access: 'supervision:write' },
      schema: {
        tags: ['supervision'],
        summary: "Edits a draft's title, text and findings; audited",
        params,
        body: updateSupervisionReportSchema,
        response: { 200: supervisionReportSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return editSupervisionReport(
        db,
        principal,
        actorOf(principal, request.ip),
        request.params.id,
        request.body,
        new Date(),
      );
    },
  );

  app.post(
    '/api/v1/supervision-reports/:id/publish',
    {
      config: { access: 'supervision:write' },
      schema: {
        tags: ['supervision'],
        summary: 'Publishes a draft: each finding goes to its unit to be rectified; once; audited',
        params,
        response: { 200: supervisionReportSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return publishSupervisionReport(
        db,
        principal,
        actorOf(principal, request.ip),
        request.params.id,
        new Date(),
      );
    },
  );
};

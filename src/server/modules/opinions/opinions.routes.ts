import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  opinionExportQuerySchema,
  opinionListQuerySchema,
  opinionListSchema,
  promotedOpinionSchema,
} from '../../../shared/domain/opinion.ts';
import { progressQueryShape } from '../../../shared/domain/progress.ts';
import { CURSOR_KEYS, decodeCursor, pageBody } from '../../http/cursor.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { sendExport } from '../exports/send-export.ts';
import { prepareOpinionExport, streamOpinionExport } from './export-opinions.ts';
import { listOpinions, opinionFilter } from './list-opinions.ts';
import { opinionView } from './opinion-views.ts';
import { promoteOpinion } from './promote-opinion.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/**
 * Opinions and suggestions (意见建议) heard on visits: read and exported with the diary's
 * permission and scope (`visits:read`; they hold no personal data), promoted to a case by whoever
 * may take in cases (`cases:create`).
 */
export const opinionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher } = app.ctx;
  const regions = app.ctx.repositories.regions;

  app.get(
    '/api/v1/opinions',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['visits'],
        summary: 'Opinions and suggestions heard on visits in scope, newest first; total counts them all',
        querystring: opinionListQuerySchema,
        response: { 200: opinionListSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const { scope, filter } = await opinionFilter(regions, request.principal as Principal, q);
      const page = await listOpinions(db, scope, {
        ...filter,
        ...(q.after ? { after: decodeCursor(q.after, CURSOR_KEYS.instant) } : {}),
        limit: q.limit,
      });
      return pageBody(page, (r) => new Date(r.recorded_at).toISOString(), opinionView);
    },
  );

  app.get(
    '/api/v1/opinions/export',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['visits'],
        summary: 'Download the opinions in scope (by region and period) as XLSX; audited',
        querystring: opinionExportQuerySchema.extend(progressQueryShape),
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const { progressId, ...query } = request.query;
      const { scope, filter } = await opinionFilter(regions, principal, query);
      return sendExport(db, request, reply, {
        kind: 'opinions',
        progressId,
        plan: () =>
          prepareOpinionExport(db, actorOf(principal, request.ip), scope, filter, query.regionId, new Date()),
        write: (out) => streamOpinionExport(db, scope, filter, out),
      });
    },
  );

  app.post(
    '/api/v1/opinions/:id/promote',
    {
      config: { access: 'cases:create' },
      schema: {
        tags: ['visits'],
        summary: 'Turn an opinion that needs handling into a case (a suggestion); once only, else 409',
        params: idParams,
        response: { 201: promotedOpinionSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const promoted = await promoteOpinion(
        { db, principal, actor: actorOf(principal, request.ip), now: new Date(), cipher },
        request.params.id,
      );
      return reply.code(201).send(promoted);
    },
  );
};

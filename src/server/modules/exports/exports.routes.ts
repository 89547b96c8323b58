import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { progressReservationSchema } from '../../../shared/domain/progress.ts';
import {
  approveExportRequestSchema,
  createExportRequestSchema,
  exportQuerySchema,
  exportRequestListSchema,
  exportRequestSchema,
  refuseExportRequestSchema,
  transferKindParams,
} from '../../../shared/domain/transfer.ts';
import type { Principal } from '../auth/principal.ts';
import { reserveRun } from '../progress/progress.ts';
import { progressStreams } from '../progress/progress-stream.ts';
import { prepareExport, streamExport } from './export-data.ts';
import {
  createExportRequest,
  decideExportRequest,
  listExportRequestsForReview,
  listOwnExportRequests,
} from './export-requests.ts';
import { sendExport } from './send-export.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/**
 * Streamed XLSX exports, the runs that follow any export's progress (every export route takes a
 * reserved run's progressId; reserving and following are open to any signed-in user, for their
 * own runs only), and the approval records personal-data exports need.
 */
export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher, config } = app.ctx;
  const sendProgress = progressStreams(app);
  const decide = (
    request: { principal?: Principal; ip: string; params: { id: string } },
    decision: 'approved' | 'refused',
    note: string | null,
  ) =>
    decideExportRequest(db, {
      principal: request.principal as Principal,
      sourceIp: request.ip,
      id: request.params.id,
      decision,
      note,
      approverCreatorDays: config.transfer.approverCreatorDays,
    });

  app.get(
    '/api/v1/exports/:kind',
    {
      config: { access: 'data:export' },
      schema: {
        tags: ['exports'],
        summary:
          'Download a kind as XLSX in its import format (personal fields masked unless requestId names an approval)',
        params: transferKindParams,
        querystring: exportQuerySchema,
      },
    },
    async (request, reply) => {
      return sendExport(db, request, reply, {
        kind: request.params.kind,
        progressId: request.query.progressId,
        plan: () =>
          prepareExport({
            db,
            cipher,
            perDay: config.transfer.piiExportsPerDay,
            principal: request.principal as Principal,
            sourceIp: request.ip,
            kind: request.params.kind,
            regionId: request.query.regionId,
            tag: request.query.tag,
            requestId: request.query.requestId,
          }),
        write: (out, plan) => streamExport(db, cipher, plan, out),
      });
    },
  );

  app.post(
    '/api/v1/exports/runs',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['exports'],
        summary: "Reserve a run for a download (pass its id as progressId) to follow the export's progress",
        body: z.object({}).strict().optional(),
        response: { 201: progressReservationSchema },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return reserveRun(db, request.principal as Principal, 'export', null);
    },
  );

  app.get(
    '/api/v1/exports/:id/progress',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['exports'],
        summary:
          "One's own export run's progress as server-sent events (text/event-stream): one JSON event per change, until done or failed",
        params: idParams,
      },
    },
    async (request, reply) =>
      sendProgress(reply, request.principal as Principal, 'export', request.params.id),
  );

  app.post(
    '/api/v1/export-requests',
    {
      config: { access: 'data:export' },
      schema: {
        tags: ['exports'],
        summary: 'Ask for an export with personal data in full (a security administrator approves it)',
        body: createExportRequestSchema,
        response: { 201: exportRequestSchema },
      },
    },
    async (request, reply) => {
      const created = await createExportRequest(db, {
        principal: request.principal as Principal,
        sourceIp: request.ip,
        ...request.body,
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/v1/export-requests',
    {
      config: { access: 'data:export' },
      schema: {
        tags: ['exports'],
        summary: "The caller's own export requests, newest first",
        response: { 200: exportRequestListSchema },
      },
    },
    async (request) => ({ items: await listOwnExportRequests(db, request.principal as Principal) }),
  );

  app.get(
    '/api/v1/export-requests/review',
    {
      config: { access: 'exports:approve' },
      schema: {
        tags: ['exports'],
        summary: 'Export requests to decide on: pending first, then the decided ones',
        response: { 200: exportRequestListSchema },
      },
    },
    async (request) => ({
      items: await listExportRequestsForReview(
        db,
        request.principal as Principal,
        config.transfer.approverCreatorDays,
      ),
    }),
  );

  app.post(
    '/api/v1/export-requests/:id/approve',
    {
      config: { access: 'exports:approve' },
      schema: {
        tags: ['exports'],
        summary: 'Approve a pending request (valid 24 hours, one export); never your own',
        params: idParams,
        body: approveExportRequestSchema,
        response: { 200: exportRequestSchema },
      },
    },
    async (request) => decide(request, 'approved', request.body.note || null),
  );

  app.post(
    '/api/v1/export-requests/:id/refuse',
    {
      config: { access: 'exports:approve' },
      schema: {
        tags: ['exports'],
        summary: 'Refuse a pending request, saying why; never your own',
        params: idParams,
        body: refuseExportRequestSchema,
        response: { 200: exportRequestSchema },
      },
    },
    async (request) => decide(request, 'refused', request.body.note),
  );
};

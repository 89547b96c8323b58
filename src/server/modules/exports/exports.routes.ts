import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approveExportRequestSchema,
  createExportRequestSchema,
  exportQuerySchema,
  exportRequestListSchema,
  exportRequestSchema,
  refuseExportRequestSchema,
  transferKindParams,
} from '../../../shared/domain/transfer.ts';
import { sendXlsx } from '../../http/attachment.ts';
import type { Principal } from '../auth/principal.ts';
import { prepareExport, streamExport } from './export-data.ts';
import {
  createExportRequest,
  decideExportRequest,
  listExportRequestsForReview,
  listOwnExportRequests,
} from './export-requests.ts';
import { workbookBody } from './write-workbook.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/** Streamed XLSX exports and the approval records personal-data exports need. */
export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher, config } = app.ctx;
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
      const plan = await prepareExport({
        db,
        cipher,
        perDay: config.transfer.piiExportsPerDay,
        principal: request.principal as Principal,
        sourceIp: request.ip,
        kind: request.params.kind,
        regionId: request.query.regionId,
        tag: request.query.tag,
        requestId: request.query.requestId,
      });
      const body = workbookBody(request.log, (out) => streamExport(db, cipher, plan, out));
      return sendXlsx(reply, plan.fileName, body, { 'x-export-rows': String(plan.rows) });
    },
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

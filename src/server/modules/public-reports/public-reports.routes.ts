import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicReportSchema } from '../../../shared/domain/case.ts';
import { retiredCodeProblemSchema } from '../../../shared/domain/public-codes.ts';
import { phoneCodeRequestSchema, phoneCodeSentSchema } from '../../../shared/domain/public-entry.ts';
import { publicRegionSchema, publicReportReceiptSchema } from '../../../shared/domain/public-report.ts';
import { publicReadLimit, publicWriteLimit } from '../../http/public-limits.ts';
import { createAttachmentStore } from '../cases/attachments/attachment-store.ts';
import { checkIdempotencyKey } from '../cases/idempotency.ts';
import { RetiredPublicCode } from '../public-codes/public-code-place.ts';
import { sendRetiredCode } from '../public-codes/retired-code-reply.ts';
import { publicRegion } from './public-region.ts';
import { reportPublicly } from './report-publicly.ts';
import { sendPhoneCode } from './send-phone-code.ts';

const regionParams = z.object({ id: z.uuid() }).strict();
const reportHeaders = z.object({ 'idempotency-key': z.string().optional() });

/** A resident's own report through the QR code form (no account). */
export const publicReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher, config } = app.ctx;
  const store = createAttachmentStore(config.cases.attachmentDir);

  app.get(
    '/api/v1/public/regions/:id',
    {
      config: { access: 'public', rateLimit: false },
      onRequest: publicReadLimit(app),
      schema: {
        tags: ['public'],
        summary: 'The community or grid a QR code reports to (names only)',
        params: regionParams,
        response: { 200: publicRegionSchema },
      },
    },
    async (request) => publicRegion(db, request.params.id),
  );

  app.post(
    '/api/v1/public/reports',
    {
      // config.publicRateLimitPerMinute: low enough to blunt a script filling the queue, high enough
      // for a community centre or a carrier's shared address (mobile networks put many phones behind one).
      config: { access: 'public', rateLimit: false },
      onRequest: publicWriteLimit(app),
      bodyLimit: config.publicReportMaxBytes,
      schema: {
        tags: ['public'],
        summary: "A resident's report from the QR code form; answers the case number only",
        headers: reportHeaders,
        body: publicReportSchema,
        response: { 201: publicReportReceiptSchema, 410: retiredCodeProblemSchema },
      },
    },
    async (request, reply) => {
      const receipt = await reportPublicly(
        {
          db,
          cipher,
          sourceIp: request.ip,
          now: new Date(),
          idempotencyKey: checkIdempotencyKey(request.headers['idempotency-key']),
          idempotencyDays: config.cases.idempotencyDays,
          store,
        },
        request.body,
      ).catch((error: unknown) => {
        if (error instanceof RetiredPublicCode) return error;
        throw error;
      });
      if (receipt instanceof RetiredPublicCode) return sendRetiredCode(reply, receipt);
      return reply.status(201).send(receipt);
    },
  );

  app.post(
    '/api/v1/public/phone-codes',
    {
      config: { access: 'public', rateLimit: false },
      onRequest: publicWriteLimit(app),
      schema: {
        tags: ['public'],
        summary: "Sends an SMS code to confirm a reporter's phone, where the district asks for one",
        body: phoneCodeRequestSchema,
        response: { 202: phoneCodeSentSchema, 410: retiredCodeProblemSchema },
      },
    },
    async (request, reply) => {
      const sent = await sendPhoneCode(
        { db, cipher, now: new Date(), sourceIp: request.ip },
        request.body,
      ).catch((error: unknown) => {
        if (error instanceof RetiredPublicCode) return error;
        throw error;
      });
      if (sent instanceof RetiredPublicCode) return sendRetiredCode(reply, sent);
      return reply.status(202).send(sent);
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicReportSchema } from '../../../shared/domain/case.ts';
import { publicRegionSchema, publicReportReceiptSchema } from '../../../shared/domain/public-report.ts';
import { checkIdempotencyKey } from '../cases/idempotency.ts';
import { publicRegion } from './public-region.ts';
import { reportPublicly } from './report-publicly.ts';

/**
 * Reports per address and minute. Low enough to blunt a script filling the queue, high enough for
 * a community centre or a carrier's shared address (mobile networks put many phones behind one).
 */
export const PUBLIC_REPORTS_PER_MINUTE = 10;

const regionParams = z.object({ id: z.uuid() }).strict();
const reportHeaders = z.object({ 'idempotency-key': z.string().optional() });

/** A resident's own report through the QR code form (no account). */
export const publicReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher, config } = app.ctx;

  app.get(
    '/api/v1/public/regions/:id',
    {
      config: { access: 'public' },
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
      config: {
        access: 'public',
        rateLimit: { max: PUBLIC_REPORTS_PER_MINUTE, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['public'],
        summary: "A resident's report from the QR code form; answers the case number only",
        headers: reportHeaders,
        body: publicReportSchema,
        response: { 201: publicReportReceiptSchema },
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
        },
        request.body,
      );
      return reply.status(201).send(receipt);
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  hotlineImportReportSchema,
  hotlineOrderListSchema,
  hotlineTakeInSchema,
} from '../../../shared/domain/hotline.ts';
import type { Principal } from '../auth/principal.ts';
import { uploadParser } from '../imports/upload-body.ts';
import { importOrders } from './import-orders.ts';
import { listOrders } from './list-orders.ts';
import { receivePush } from './receive-push.ts';

/** A pushed order is small: the platform's fields and nothing else. */
const PUSH_MAX_BYTES = 64 * 1024;

const pushHeaders = z.object({
  'x-hotline-timestamp': z.string().optional(),
  'x-hotline-signature': z.string().optional(),
});

/** The hotline page (dispatchers): the orders taken in, and the platform's exported file. */
export const hotlineRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher, config } = app.ctx;
  // Only the upload takes a body here: the file as the raw body, as the imports take it.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('*', uploadParser(config.transfer.importMaxBytes));

  app.get(
    '/api/v1/hotline/orders',
    {
      config: { access: 'cases:dispatch' },
      schema: {
        tags: ['hotline'],
        summary: '12345 orders taken in, newest first, with their cases and push-back states',
        response: { 200: hotlineOrderListSchema },
      },
    },
    async (request) => listOrders(db, request.principal as Principal),
  );

  app.post(
    '/api/v1/hotline/imports',
    {
      config: { access: 'cases:dispatch' },
      schema: {
        tags: ['hotline'],
        summary: "Take in a 12345 platform's exported orders (XLSX or CSV as the raw body); a row report",
        response: { 200: hotlineImportReportSchema },
      },
    },
    async (request) =>
      importOrders(db, {
        cipher,
        principal: request.principal as Principal,
        sourceIp: request.ip,
        body: request.body as Buffer | undefined,
        now: new Date(),
      }),
  );
};

/** The platform's signed push (no account: the signature is the credential). */
export const hotlinePushRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher, config } = app.ctx;
  // The signature covers the bytes as sent, so the body is kept raw and parsed after checking it.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: PUSH_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/api/v1/hotline/orders',
    {
      config: {
        access: 'public',
        // A platform pushes in bursts (a morning's calls); generous, but not unlimited per address.
        rateLimit: { max: 600, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['hotline'],
        summary: 'A 12345 platform pushes one order (HMAC-signed); 201 taken in, 200 taken in before',
        headers: pushHeaders,
        response: { 200: hotlineTakeInSchema, 201: hotlineTakeInSchema },
      },
    },
    async (request, reply) => {
      const result = await receivePush(
        { db, cipher, secret: config.cases.hotline.secret, sourceIp: request.ip, now: new Date() },
        {
          timestamp: request.headers['x-hotline-timestamp'],
          signature: request.headers['x-hotline-signature'],
          body: request.body as Buffer | undefined,
        },
      );
      return reply.status(result.outcome === 'created' ? 201 : 200).send(result);
    },
  );
};

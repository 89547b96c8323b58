import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  buildingInputSchema,
  buildingSchema,
  estateInputSchema,
  estateListSchema,
  estatePatchSchema,
  estateSchema,
  hotlineSchema,
  posterSheetSchema,
  publicCodePath,
  publicCodePlaceSchema,
  retireCodeInputSchema,
  retireCodeResultSchema,
  retiredCodeProblemSchema,
} from '../../../shared/domain/public-codes.ts';
import { publicReadLimit } from '../../http/public-limits.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { addBuilding } from './add-building.ts';
import { addEstate } from './add-estate.ts';
import { codeInScope } from './code-in-scope.ts';
import { districtHotline } from './district-hotline.ts';
import { drawQrSvg } from './draw-qr.ts';
import { listEstates } from './list-estates.ts';
import { posterSheet } from './poster-sheet.ts';
import type { PublicCodeContext } from './public-code-context.ts';
import { publicCodePlace, RetiredPublicCode } from './public-code-place.ts';
import { removeBuilding } from './remove-building.ts';
import { removeEstate } from './remove-estate.ts';
import { renameBuilding } from './rename-building.ts';
import { retirePublicCode } from './retire-public-code.ts';
import { sendRetiredCode } from './retired-code-reply.ts';
import { saveHotline } from './save-hotline.ts';
import { updateEstate } from './update-estate.ts';

const idParams = z.object({ id: z.uuid() }).strict();
/** Any text: a malformed code is a 404 from the use case, never a 400 or 5xx. */
const codeParams = z.object({ code: z.string() }).strict();

/**
 * Estates (小区) and buildings (楼栋) under grids, their public codes, QR codes and posters
 * (issue 15 §1). The territory's rules: read with regions:read, kept with regions:write (codes
 * issued, retired and posters drawn too), each within the grant's scope.
 */
export const publicCodeRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { config } = app.ctx;
  const ctxOf = (request: FastifyRequest): PublicCodeContext => {
    const principal = request.principal as Principal;
    return {
      db,
      principal,
      actor: actorOf(principal, request.ip),
      now: new Date(),
      origin: config.publicOrigins[0] ?? `${request.protocol}://${request.host}`,
    };
  };

  app.get(
    '/api/v1/regions/:id/estates',
    {
      config: { access: 'regions:read' },
      schema: {
        tags: ['estates'],
        summary: 'The estates of a grid (or of every grid of a community), with buildings and codes',
        params: idParams,
        response: { 200: estateListSchema },
      },
    },
    async (request) => ({ items: await listEstates(ctxOf(request), request.params.id) }),
  );

  app.post(
    '/api/v1/regions/:id/estates',
    {
      config: { access: 'regions:write' },
      schema: {
        tags: ['estates'],
        summary: 'Add an estate (小区) to a grid; audited',
        params: idParams,
        body: estateInputSchema,
        response: { 201: estateSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addEstate(ctxOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/estates/:id',
    {
      config: { access: 'regions:write' },
      schema: {
        tags: ['estates'],
        summary: 'Rename an estate or change its address (its code stays); audited',
        params: idParams,
        body: estatePatchSchema,
        response: { 200: estateSchema },
      },
    },
    async (request) => updateEstate(ctxOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/estates/:id',
    {
      config: { access: 'regions:write' },
      schema: {
        tags: ['estates'],
        summary: 'Remove an estate with its buildings; its code is retired; audited',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeEstate(ctxOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/estates/:id/buildings',
    {
      config: { access: 'regions:write' },
      schema: {
        tags: ['estates'],
        summary: 'Add a building (楼栋) to an estate; audited',
        params: idParams,
        body: buildingInputSchema,
        response: { 201: buildingSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addBuilding(ctxOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/buildings/:id',
    {
      config: { access: 'regions:write' },
      schema: {
        tags: ['estates'],
        summary: 'Rename a building; audited',
        params: idParams,
        body: buildingInputSchema,
        response: { 200: buildingSchema },
      },
    },
    async (request) => renameBuilding(ctxOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/buildings/:id',
    {
      config: { access: 'regions:write' },
      schema: {
        tags: ['estates'],
        summary: 'Remove a building; audited',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeBuilding(ctxOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/regions/:id/posters',
    {
      config: { access: 'regions:write' },
      schema: {
        tags: ['estates'],
        summary:
          'The QR posters of a grid (its own and its estates’) or of a community, or of one estate; issues missing codes',
        params: idParams,
        querystring: z.object({ estateId: z.uuid().optional() }).strict(),
        response: { 200: posterSheetSchema },
      },
    },
    async (request) => posterSheet(ctxOf(request), request.params.id, { estateId: request.query.estateId }),
  );

  app.get(
    '/api/v1/public-codes/:code/qr.svg',
    {
      config: { access: 'regions:write' },
      schema: {
        tags: ['estates'],
        summary: 'The QR code (SVG) of a code: the link <origin>/q/<code>',
        params: codeParams,
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const row = await codeInScope(db, ctx.principal, 'regions:write', request.params.code);
      const svg = await drawQrSvg(`${ctx.origin}${publicCodePath(row.code)}`);
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(svg);
    },
  );

  app.post(
    '/api/v1/public-codes/:code/retire',
    {
      config: { access: 'regions:write' },
      schema: {
        tags: ['estates'],
        summary: 'Retire a code, and with replace issue its place a new one; audited',
        params: codeParams,
        body: retireCodeInputSchema,
        response: { 200: retireCodeResultSchema },
      },
    },
    async (request) => retirePublicCode(ctxOf(request), request.params.code, request.body),
  );

  app.put(
    '/api/v1/public-codes/hotline',
    {
      config: { access: 'regions:write' },
      schema: {
        tags: ['estates'],
        summary: "The district's hotline printed on posters (null clears it); district-wide; audited",
        body: hotlineSchema.strict(),
        response: { 200: hotlineSchema },
      },
    },
    async (request) => saveHotline(ctxOf(request), request.body),
  );

  app.get(
    '/api/v1/public-codes/hotline',
    {
      config: { access: 'regions:read' },
      schema: {
        tags: ['estates'],
        summary: "The district's hotline printed on posters",
        response: { 200: hotlineSchema },
      },
    },
    async (request) => ({
      hotline: await districtHotline(db, (request.principal as Principal).districtCode),
    }),
  );
};

/** Where a scanned code reports to (no account); reads are allowed a multiple of the public write limit. */
export const publicCodeLookupRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/public/codes/:code',
    {
      config: { access: 'public', rateLimit: false },
      onRequest: publicReadLimit(app),
      schema: {
        tags: ['public'],
        summary: "A QR poster code's place and the district's hotline; 410 when retired, 404 when unknown",
        params: codeParams,
        response: { 200: publicCodePlaceSchema, 410: retiredCodeProblemSchema },
      },
    },
    async (request, reply) => {
      try {
        return await publicCodePlace(db, request.params.code);
      } catch (error) {
        if (!(error instanceof RetiredPublicCode)) throw error;
        return sendRetiredCode(reply, error);
      }
    },
  );
};

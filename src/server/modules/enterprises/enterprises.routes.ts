import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  enterpriseDetailSchema,
  enterpriseListQuerySchema,
  enterpriseListSchema,
  enterpriseUnmaskRequestSchema,
  enterpriseUnmaskResponseSchema,
} from '../../../shared/domain/enterprise.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { CURSOR_KEYS, decodeCursor, pageBody, pageOffset } from '../../http/cursor.ts';
import { actorOf } from '../audit/audit.ts';
import { unmaskAudited } from '../audit/unmask.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionPathFilter } from '../regions/region-filter.ts';
import { enterpriseDetail } from './enterprise-detail.ts';
import { enterpriseWriteRoutes } from './enterprise-writes.routes.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/** Enterprises, with the contact phone masked by default; unmasking it is its own audited action. */
export const enterpriseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { enterprises, regions } = app.ctx.repositories;
  const { cipher } = app.ctx;

  app.get(
    '/api/v1/enterprises',
    {
      config: { access: 'enterprises:read' },
      schema: {
        tags: ['enterprises'],
        summary: 'Enterprises in scope, optionally below a region, with a tag, or of my liaison work',
        querystring: enterpriseListQuerySchema,
        response: { 200: enterpriseListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'enterprises:read');
      const { regionId, q, tag, liaison, after, limit } = request.query;
      const offset = pageOffset(request.query.page, limit, after);
      const page = await enterprises.list(scope, {
        ...(await regionPathFilter(regions, scope, regionId)),
        limit,
        offset,
        ...(q ? { q } : {}),
        ...(tag ? { tag } : {}),
        ...(liaison === 'me' ? { liaisonUserId: principal.userId } : {}),
        ...(after ? { after: decodeCursor(after, CURSOR_KEYS.code) } : {}),
      });
      return {
        totalCapped: page.totalCapped,
        ...pageBody(
          page,
          (r) => r.credit_code,
          (r) => ({
            id: r.id,
            name: r.name,
            creditCode: r.credit_code,
            address: r.address,
            gridId: r.grid_id,
            gridName: r.grid_name,
            tags: r.tags,
            liaisonName: r.liaison_name,
            lastVisitAt: r.last_visit_at ? new Date(r.last_visit_at).toISOString() : null,
          }),
        ),
        actions: scopeFor(principal, 'enterprises:write').paths.length > 0 ? ['create' as const] : [],
      };
    },
  );

  app.get(
    '/api/v1/enterprises/:id',
    {
      config: { access: 'enterprises:read' },
      schema: {
        tags: ['enterprises'],
        summary: 'An enterprise (contact phone masked) with what the caller may do to it',
        params: idParams,
        response: { 200: enterpriseDetailSchema },
      },
    },
    async (request) =>
      enterpriseDetail(enterprises, regions, cipher, request.principal as Principal, request.params.id),
  );

  app.post(
    '/api/v1/enterprises/:id/unmask',
    {
      config: { access: 'pii:unmask' },
      schema: {
        tags: ['enterprises'],
        summary: 'Show the contact phone in full (audited)',
        params: idParams,
        body: enterpriseUnmaskRequestSchema,
        response: { 200: enterpriseUnmaskResponseSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const e = await enterprises.findInScope(scopeFor(principal, 'pii:unmask'), request.params.id);
      if (!e) throw new AppError('NOT_FOUND', 'No such enterprise.');
      const { field, reason } = request.body;
      const value = await unmaskAudited(
        app.ctx.database.db,
        cipher,
        actorOf(principal, request.ip),
        e.contact_phone_enc,
        {
          objectType: 'enterprise',
          objectId: e.id,
          detail: { field, reason },
        },
      );
      return { field, value };
    },
  );

  await app.register(enterpriseWriteRoutes);
};

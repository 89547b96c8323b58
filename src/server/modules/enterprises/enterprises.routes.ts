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
import { maskPhone } from '../../../shared/validation/mask.ts';
import { runTransaction } from '../../db/retry.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import { regionPathFilter } from '../regions/region-filter.ts';

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
        summary: 'Enterprises in scope, optionally below a region',
        querystring: enterpriseListQuerySchema,
        response: { 200: enterpriseListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'enterprises:read');
      const { regionId, q, after, limit } = request.query;
      const page = await enterprises.list(scope, {
        ...(await regionPathFilter(regions, scope, regionId)),
        limit,
        ...(q ? { q } : {}),
        ...(after ? { after: decodeCursor(after) } : {}),
      });
      const last = page.rows.at(-1);
      return {
        items: page.rows.map((r) => ({
          id: r.id,
          name: r.name,
          creditCode: r.credit_code,
          address: r.address,
          gridId: r.grid_id,
          gridName: r.grid_name,
          tags: r.tags,
        })),
        next: page.hasMore && last ? encodeCursor(last.credit_code, last.id) : null,
        total: page.total,
      };
    },
  );

  app.get(
    '/api/v1/enterprises/:id',
    {
      config: { access: 'enterprises:read' },
      schema: {
        tags: ['enterprises'],
        summary: 'An enterprise (contact phone masked)',
        params: idParams,
        response: { 200: enterpriseDetailSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const e = await enterprises.findInScope(scopeFor(principal, 'enterprises:read'), request.params.id);
      if (!e) throw new AppError('NOT_FOUND', 'No such enterprise.');
      const path = await enterprises.regionsOnPath(e.district_code, e.region_path.split('.'));
      const canUnmask = pathInScope(e.region_path, scopeFor(principal, 'pii:unmask'));
      return {
        id: e.id,
        name: e.name,
        creditCode: e.credit_code,
        address: e.address,
        gridId: e.grid_id,
        gridName: e.grid_name,
        tags: e.tags,
        regionPath: path.map((r) => ({ id: r.id, name: r.name, level: r.level })),
        contactName: e.contact_name,
        contactPhoneMasked: e.contact_phone_enc ? maskPhone(cipher.decrypt(e.contact_phone_enc)) : null,
        actions: canUnmask ? (['unmask'] as const).slice() : [],
      };
    },
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
      const sealed = e.contact_phone_enc;
      if (!sealed) throw new AppError('NOT_FOUND', 'That field is empty.');
      const value = cipher.decrypt(sealed);
      // The view is recorded before the value leaves: no audit row, no value.
      await runTransaction(app.ctx.database.db, (trx) =>
        audit(
          trx,
          { principal, districtCode: principal.districtCode, sourceIp: request.ip },
          {
            action: 'pii.unmask',
            result: 'success',
            objectType: 'enterprise',
            objectId: e.id,
            detail: { field, reason },
          },
        ),
      );
      return { field, value };
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ENTERPRISE_NAME_MAX } from '../../../shared/domain/enterprise.ts';
import {
  fieldEnterpriseListSchema,
  fieldEnterpriseQuerySchema,
  fieldGridListSchema,
  fieldHouseholdListSchema,
  fieldHouseholdQuerySchema,
  fieldPackSchema,
  fieldPlaceListSchema,
  fieldPlaceQuerySchema,
} from '../../../shared/domain/field-directory.ts';
import { untrimmedTextSchema } from '../../../shared/validation/text.ts';
import { CURSOR_KEYS, decodeCursor, pageBody } from '../../http/cursor.ts';
import type { Principal } from '../auth/principal.ts';
import { browsePlaces } from './browse-places.ts';
import { enterpriseView, householdView } from './directory-views.ts';
import { createFieldDirectoryRepository } from './field-directory.repository.ts';
import { gridDirectory, listFieldGrids } from './grid-directory.ts';
import { searchEnterprises } from './search-enterprises.ts';
import { searchHouseholds } from './search-households.ts';

const idParams = z.object({ id: z.uuid() }).strict();
/** Enterprises page by name. */
const nameKey = untrimmedTextSchema(ENTERPRISE_NAME_MAX);

/**
 * The field app's directory (issue 13 §1): households and enterprises in the caller's reach,
 * searched and browsed, and one grid's directory for the phone to keep. Masked like every list:
 * a phone is only its last four digits.
 */
export const fieldDirectoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = createFieldDirectoryRepository(app.ctx.database.db);

  app.get(
    '/api/v1/field/households',
    {
      config: { access: 'households:read' },
      schema: {
        tags: ['field'],
        summary:
          'Households in scope by name, address, building or phone end, or by estate, building and unit',
        querystring: fieldHouseholdQuerySchema,
        response: { 200: fieldHouseholdListSchema },
      },
    },
    async (request) => {
      const { after, ...query } = request.query;
      const page = await searchHouseholds(repo, request.principal as Principal, {
        ...query,
        ...(after ? { after: decodeCursor(after, CURSOR_KEYS.code) } : {}),
      });
      return pageBody(page, (r) => r.code, householdView);
    },
  );

  app.get(
    '/api/v1/field/places',
    {
      config: { access: 'households:read' },
      schema: {
        tags: ['field'],
        summary: "One level of the browse estate → building → unit, with each value's households",
        querystring: fieldPlaceQuerySchema,
        response: { 200: fieldPlaceListSchema },
      },
    },
    (request) => browsePlaces(repo, request.principal as Principal, request.query),
  );

  app.get(
    '/api/v1/field/enterprises',
    {
      config: { access: 'enterprises:read' },
      schema: {
        tags: ['field'],
        summary: 'Enterprises in scope by name, address, contact or phone end; liaison=me for my own',
        querystring: fieldEnterpriseQuerySchema,
        response: { 200: fieldEnterpriseListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const { q, liaison, after, limit } = request.query;
      const page = await searchEnterprises(repo, principal, {
        q,
        mine: liaison === 'me',
        limit,
        ...(after ? { after: decodeCursor(after, nameKey) } : {}),
      });
      return pageBody(
        page,
        (r) => r.name,
        (r) => enterpriseView(r, principal.userId),
      );
    },
  );

  app.get(
    '/api/v1/field/grids',
    {
      config: { access: 'visits:write' },
      schema: {
        tags: ['field'],
        summary: 'The grids whose directory the caller may keep offline, their own first',
        response: { 200: fieldGridListSchema },
      },
    },
    (request) => listFieldGrids(repo, request.principal as Principal),
  );

  app.get(
    '/api/v1/field/grids/:id/directory',
    {
      config: { access: 'visits:write' },
      schema: {
        tags: ['field'],
        summary: "One grid's households and enterprises (bounded, masked) for the field app to keep offline",
        params: idParams,
        response: { 200: fieldPackSchema },
      },
    },
    (request) => gridDirectory(repo, request.principal as Principal, request.params.id),
  );
};

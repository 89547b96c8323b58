import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createRegionSchema,
  moveRegionSchema,
  moveResultSchema,
  regionChildrenQuerySchema,
  regionListSchema,
  regionNodeSchema,
  regionSearchQuerySchema,
  regionSearchResultSchema,
  updateRegionSchema,
} from '../../../shared/domain/region.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { createRegion } from './create-region.ts';
import { deleteRegion } from './delete-region.ts';
import { moveRegion } from './move-region.ts';
import { regionInScope } from './region-in-scope.ts';
import { toRegionNode } from './region-node.ts';
import { searchRegions } from './search-regions.ts';
import { updateRegion } from './update-region.ts';

const idParams = z.object({ id: z.uuid() }).strict();

/** The hierarchy: browsing and searching it (regions:read), editing it (regions:write). */
export const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { regions } = app.ctx.repositories;
  /** The node as the writer sees it after a change (their write scope covers it). */
  const nodeAfterWrite = async (principal: Principal, id: string) => {
    const writeScope = scopeFor(principal, 'regions:write');
    const row = await regions.findNode(writeScope, id, { withReferences: true });
    if (!row) throw new AppError('NOT_FOUND', 'No such region.');
    return toRegionNode(row, writeScope);
  };

  app.get(
    '/api/v1/regions',
    {
      config: { access: 'regions:read' },
      schema: {
        tags: ['regions'],
        summary: 'Children of a region (top-level regions when parentId is absent)',
        querystring: regionChildrenQuerySchema,
        response: { 200: regionListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'regions:read');
      const writeScope = scopeFor(principal, 'regions:write');
      const parentId = request.query.parentId ?? null;
      if (parentId !== null) await regionInScope(regions, scope, parentId);
      const rows = await regions.listChildren(parentId, scope, {
        withReferences: writeScope.paths.length > 0,
      });
      return { items: rows.map((row) => toRegionNode(row, writeScope)) };
    },
  );

  app.get(
    '/api/v1/regions/search',
    {
      config: { access: 'regions:read' },
      schema: {
        tags: ['regions'],
        summary: 'Regions in scope whose name or code contains q, each with its breadcrumb',
        querystring: regionSearchQuerySchema,
        response: { 200: regionSearchResultSchema },
      },
    },
    async (request) => {
      const scope = scopeFor(request.principal as Principal, 'regions:read');
      return { items: await searchRegions(regions, scope, request.query) };
    },
  );

  app.post(
    '/api/v1/regions',
    {
      config: { access: 'regions:write' },
      schema: {
        tags: ['regions'],
        summary: 'Add a child region (street, community, grid or micro-grid) below a node',
        body: createRegionSchema,
        response: { 201: regionNodeSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'regions:write');
      const id = await createRegion(db, scope, request.body, actorOf(principal, request.ip));
      return reply.code(201).send(await nodeAfterWrite(principal, id));
    },
  );

  app.patch(
    '/api/v1/regions/:id',
    {
      config: { access: 'regions:write' },
      schema: {
        tags: ['regions'],
        summary: 'Rename a region, change its kind or its order among its siblings',
        params: idParams,
        body: updateRegionSchema,
        response: { 200: regionNodeSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'regions:write');
      await updateRegion(db, scope, request.params.id, request.body, actorOf(principal, request.ip));
      return nodeAfterWrite(principal, request.params.id);
    },
  );

  app.delete(
    '/api/v1/regions/:id',
    {
      config: { access: 'regions:write' },
      schema: {
        tags: ['regions'],
        summary: 'Delete an empty region (no children, records, staff or grants)',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'regions:write');
      await deleteRegion(db, scope, request.params.id, actorOf(principal, request.ip));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/regions/:id/move',
    {
      config: { access: 'regions:write' },
      schema: {
        tags: ['regions'],
        summary: 'Move a grid to another community (or a micro-grid to another grid) with its records',
        params: idParams,
        body: moveRegionSchema,
        response: { 200: moveResultSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'regions:write');
      const moved = await moveRegion(
        db,
        scope,
        request.params.id,
        request.body.parentId,
        actorOf(principal, request.ip),
      );
      return { region: await nodeAfterWrite(principal, request.params.id), moved };
    },
  );
};

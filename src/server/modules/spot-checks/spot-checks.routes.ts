import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createSpotCheckSchema,
  spotCheckDetailSchema,
  spotCheckFiguresQuerySchema,
  spotCheckFiguresSchema,
  spotCheckItemSchema,
  spotCheckListQuerySchema,
  spotCheckListSchema,
  verifySpotCheckItemSchema,
} from '../../../shared/domain/spot-check.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionPathFilter } from '../regions/region-filter.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { drawSpotCheck } from './draw-spot-check.ts';
import { spotCheckFiguresFor } from './spot-check-figures.ts';
import { spotCheckDetail, toSummary } from './spot-check-view.ts';
import { createSpotCheckRepository } from './spot-checks.repository.ts';
import { verifySpotCheckItem } from './verify-spot-check-item.ts';

const idParams = z.object({ id: z.uuid() }).strict();
const itemParams = z.object({ id: z.uuid(), visitId: z.uuid() }).strict();

/** Spot checks of visits (抽查): reproducible samples and their verification. */
export const spotCheckRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.database;
  const { regions } = app.ctx.repositories;
  const checks = createSpotCheckRepository(db);

  app.post(
    '/api/v1/spot-checks',
    {
      config: { access: 'visits:check' },
      schema: {
        tags: ['spot-checks'],
        summary: 'Draw a reproducible sample of the visits in a region and period',
        body: createSpotCheckSchema,
        response: { 201: spotCheckDetailSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const id = await drawSpotCheck(db, principal, actorOf(principal, request.ip), request.body);
      reply.code(201);
      return spotCheckDetail(db, checks, scopeFor(principal, 'visits:check'), id);
    },
  );

  app.get(
    '/api/v1/spot-checks',
    {
      config: { access: 'visits:check' },
      schema: {
        tags: ['spot-checks'],
        summary: 'Spot checks in scope, newest first, with their progress',
        querystring: spotCheckListQuerySchema,
        response: { 200: spotCheckListSchema },
      },
    },
    async (request) => {
      const scope = scopeFor(request.principal as Principal, 'visits:check');
      const { regionPath } = await regionPathFilter(regions, scope, request.query.regionId);
      const rows = await checks.list(scope, regionPath);
      return { items: rows.map(toSummary), actions: ['draw' as const] };
    },
  );

  app.get(
    '/api/v1/spot-checks/figures',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['spot-checks'],
        summary: 'Spot-check results per child unit of a region, over visits of the period',
        querystring: spotCheckFiguresQuerySchema,
        response: { 200: spotCheckFiguresSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'visits:read');
      const { regionId, from, to } = request.query;
      const region = await regionInScope(regions, scope, regionId);
      const children = await checks.children(principal.districtCode, region.id);
      const units =
        children.length > 0 ? children : [{ id: region.id, name: region.name, path: region.path }];
      return {
        regionId: region.id,
        regionName: region.name,
        units: await spotCheckFiguresFor(db, scope, region.path, units, { from, to }),
      };
    },
  );

  app.get(
    '/api/v1/spot-checks/:id',
    {
      config: { access: 'visits:check' },
      schema: {
        tags: ['spot-checks'],
        summary: 'A spot check with each sampled visit and its verification',
        params: idParams,
        response: { 200: spotCheckDetailSchema },
      },
    },
    async (request) =>
      spotCheckDetail(
        db,
        checks,
        scopeFor(request.principal as Principal, 'visits:check'),
        request.params.id,
      ),
  );

  app.post(
    '/api/v1/spot-checks/:id/items/:visitId',
    {
      config: { access: 'visits:check' },
      schema: {
        tags: ['spot-checks'],
        summary: 'Record the verification of one sampled visit (audited)',
        params: itemParams,
        body: verifySpotCheckItemSchema,
        response: { 200: spotCheckItemSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return verifySpotCheckItem(
        db,
        principal,
        actorOf(principal, request.ip),
        { spotCheckId: request.params.id, visitId: request.params.visitId },
        request.body,
      );
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  boundaryImportReportSchema,
  boundaryImportSchema,
  gridMapQuerySchema,
  gridMapSchema,
} from '../../../shared/domain/map.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { importBoundaries } from './import-boundaries.ts';
import { readGridMap } from './read-grid-map.ts';

/** The grid map (issue 12 §7): grid shapes coloured by figures, hot spots, and the boundary import. */
export const mapRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/map/grids',
    {
      config: { access: 'visits:read' },
      schema: {
        tags: ['map'],
        summary: "The grids of a place with their boundaries, the map's figures and open-case hot spots",
        querystring: gridMapQuerySchema,
        response: { 200: gridMapSchema },
      },
    },
    async (request) =>
      readGridMap(app.ctx.database.db, request.principal as Principal, request.query, new Date()),
  );

  app.post(
    '/api/v1/map/boundaries/import',
    {
      config: { access: 'regions:write' },
      // A district's boundaries are larger than an ordinary request: the import limit applies.
      bodyLimit: app.ctx.config.transfer.importMaxBytes,
      schema: {
        tags: ['map'],
        summary: 'Import grid boundaries from a GeoJSON FeatureCollection, with a validation report',
        body: boundaryImportSchema,
        response: { 200: boundaryImportReportSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return importBoundaries(
        { db: app.ctx.database.db, principal, actor: actorOf(principal, request.ip) },
        request.body,
      );
    },
  );
};

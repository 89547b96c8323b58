import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { homeCountsSchema } from '../../../shared/domain/home.ts';
import type { Principal } from '../auth/principal.ts';
import { readHomeCounts } from './read-home-counts.ts';

/** The home pages' own counts; the rest of a home page is read from the case and visit lists. */
export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/home/counts',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['home'],
        summary: "The caller's queue by state and clock, whistle reports due and replies sent back",
        response: { 200: homeCountsSchema },
      },
    },
    async (request) => readHomeCounts(app.ctx.database.db, request.principal as Principal, new Date()),
  );
};
